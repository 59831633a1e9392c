namespace AtotiAuth.Ping;

/// <summary>What runs behind a sidecar (<see cref="PingOptions.Backend"/>).</summary>
public enum CubeBackend
{
    /// <summary>A real Atoti server: JWT for REST, its own session cookie (set by its own ping) for the WebSocket.</summary>
    Atoti,

    /// <summary>A .NET cube that trusts the identity headers the sidecar writes; the sidecar answers ping itself.</summary>
    Headers,
}
