using System.Diagnostics;
using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// How Chromium is started. Chromium drops requests in flight with <c>ERR_NETWORK_CHANGED</c> whenever an
/// address of its network namespace changes, and on a CI machine Docker adds and removes bridges all
/// the time (the other test projects create networks). As root, Chromium is therefore started inside
/// the gateway container's network namespace (<c>nsenter --net</c>), where nothing changes and nginx
/// answers on 127.0.0.1:443; the HTTP tests keep going through the published port. Elsewhere it runs
/// as is, against the published port.
/// </summary>
internal sealed record ChromiumLaunch(string ExecutablePath, string HostResolverRules, string Where, bool InGatewayNetwork = false)
{
    private static readonly string[] NsenterPaths = ["/usr/bin/nsenter", "/bin/nsenter"];

    public static async Task<ChromiumLaunch> PrepareAsync(string chromium, EndToEndSystem system)
    {
        var direct = new ChromiumLaunch(chromium, system.Gateway.HostResolverRules, "the host's network, through the published port");
        var nsenter = NsenterPaths.FirstOrDefault(File.Exists);
        if (!Environment.IsPrivilegedProcess || nsenter is null || await system.GatewayNetworkNamespaceAsync() is not { } netns
            || !await WorksAsync(nsenter, netns))
        {
            return direct;
        }

        var wrapper = system.WriteRunExecutable("chromium-in-gateway-netns", $"""
            #!/bin/sh
            # Chromium in the gateway container's network namespace (see ChromiumLaunch.cs).
            exec {nsenter} --net={netns} -- {chromium} "$@"

            """);
        return new ChromiumLaunch(wrapper, system.Gateway.InNamespaceHostResolverRules, "the gateway container's network namespace", InGatewayNetwork: true);
    }

    private static async Task<bool> WorksAsync(string nsenter, string netns)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(nsenter, $"--net={netns} -- true") { UseShellExecute = false, RedirectStandardError = true })!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await probe.WaitForExitAsync(timeout.Token);
            return probe.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}
