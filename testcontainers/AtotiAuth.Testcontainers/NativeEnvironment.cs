using System.Runtime.InteropServices;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The process's native environment, which C libraries read with <c>getenv</c>; .NET keeps its own copy
/// on Unix, so <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach them.
/// </summary>
internal static class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Kerberos client set-up is for Linux (MIT Kerberos).");
        }

        Environment.SetEnvironmentVariable(name, value);
        if (SetEnvironment(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"{name} could not be set (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [DllImport("libc", EntryPoint = "setenv", ExactSpelling = true, SetLastError = true)]
    private static extern int SetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
