using System.Runtime.InteropServices;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// MIT Kerberos' GSSAPI library, which .NET's <see cref="System.Net.Security.NegotiateAuthentication"/>
/// loads on Linux. Two process-wide settings are made through it before the first exchange: the
/// acceptor's keytab (<c>krb5_gss_register_acceptor_identity</c>, MIT's <c>gssapi_krb5.h</c>) and, where
/// configured, <c>KRB5_CONFIG</c>, which the library reads from the native environment (a managed
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach it on Unix).
/// </summary>
internal static class GssapiLibrary
{
    public const string Name = "libgssapi_krb5.so.2";

    /// <summary>Null when <paramref name="name"/> loads; otherwise what to install.</summary>
    public static string? LoadError(string name = Name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the Kerberos provider runs on Linux only (MIT Kerberos' GSSAPI behind .NET's NegotiateAuthentication)";
        }

        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return $"MIT Kerberos' GSSAPI library ({name}) cannot be loaded: install the package libgssapi-krb5-2 " +
                "(Debian, Ubuntu; the AtotiAuth images have it) or krb5-libs (RHEL)";
        }

        NativeLibrary.Free(handle);
        return null;
    }

    /// <summary>Makes <paramref name="keytabPath"/> the keytab every acceptor of this process reads.</summary>
    public static void UseKeytab(string keytabPath)
    {
        var status = RegisterAcceptorIdentity(NullTerminated(keytabPath));
        if (status != 0)
        {
            throw new InvalidOperationException($"GSSAPI refused the keytab {keytabPath} (major status 0x{status:x8}).");
        }
    }

    /// <summary>Sets <c>KRB5_CONFIG</c> in the native environment; called at start, before any GSSAPI call.</summary>
    public static void UseConfig(string krb5ConfigPath)
    {
        if (SetEnvironment(NullTerminated("KRB5_CONFIG"), NullTerminated(krb5ConfigPath), 1) != 0)
        {
            throw new InvalidOperationException($"KRB5_CONFIG could not be set to {krb5ConfigPath} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    // C strings as NUL-terminated UTF-8 bytes: no string marshalling to get wrong.
    private static byte[] NullTerminated(string value) => System.Text.Encoding.UTF8.GetBytes(value + "\0");

    [DllImport(Name, EntryPoint = "krb5_gss_register_acceptor_identity", ExactSpelling = true)]
    private static extern uint RegisterAcceptorIdentity(byte[] keytab);

    [DllImport("libc", EntryPoint = "setenv", ExactSpelling = true, SetLastError = true)]
    private static extern int SetEnvironment(byte[] name, byte[] value, int overwrite);
}
