namespace AtotiAuth.Testcontainers;

/// <summary>A sidecar to start with the system.</summary>
internal sealed record AtotiAuthSidecarSpec(string Name, string CubeAlias, int CubePort, Func<AtotiAuthPingBuilder, AtotiAuthPingBuilder>? Configure);
