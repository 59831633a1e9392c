using System.Diagnostics;
using AtotiAuth.Testing;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// A user's Kerberos ticket cache as a desktop login leaves it: <c>kinit</c> (MIT's krb5-user, which
/// scripts/ensure-kerberos.sh installs) gets the user's ticket-granting ticket into a file cache that
/// Chromium then reads through <c>KRB5CCNAME</c>.
/// </summary>
internal static class KerberosTicketCache
{
    /// <summary>Skips (or, where the run requires it, fails) without <c>kinit</c>.</summary>
    public static void EnsureAvailable()
    {
        if (File.Exists("/usr/bin/kinit"))
        {
            return;
        }

        const string reason = "No kinit on this machine: scripts/ensure-kerberos.sh installs krb5-user (scripts/test.sh runs it).";
        if (DockerEnvironment.ContainersRequired)
        {
            throw new InvalidOperationException($"The Kerberos browser test is required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {reason}");
        }

        Assert.Skip(reason);
    }

    /// <summary>Runs <c>kinit principal</c> with <paramref name="krb5Config"/>; the cache file is <paramref name="cachePath"/>.</summary>
    public static async Task CreateAsync(string principal, string password, string krb5Config, string cachePath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/kinit", principal)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["KRB5_CONFIG"] = krb5Config, ["KRB5CCNAME"] = "FILE:" + cachePath },
        };
        using var kinit = Process.Start(start)!;
        await kinit.StandardInput.WriteLineAsync(password);
        kinit.StandardInput.Close();
        var errors = kinit.StandardError.ReadToEndAsync(cancellationToken);
        await kinit.StandardOutput.ReadToEndAsync(cancellationToken);
        await kinit.WaitForExitAsync(cancellationToken);
        Assert.True(kinit.ExitCode == 0, $"kinit {principal} failed: {await errors}");
    }
}
