namespace AtotiAuth.Benchmarks.Load;

/// <summary>The bare YARP forwarder of <c>benchmarks/AtotiAuth.YarpPeer</c>, in front of a cube.</summary>
internal static class YarpPeer
{
    /// <summary>Starts it like the services (same runtime settings, logging at Warning); its health is the cube's, forwarded.</summary>
    public static Task<ServiceProcess> StartAsync(LoadRun run, Uri cube) => ServiceProcess.StartAsync(
        LoadCommand.Built(run.Root, "benchmarks/AtotiAuth.YarpPeer", "AtotiAuth.YarpPeer"),
        new Dictionary<string, string> { ["Cube"] = cube.ToString().TrimEnd('/') },
        healthPath: "/healthz");
}
