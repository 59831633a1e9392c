namespace AtotiAuth.Standalone;

/// <summary>Marks the standalone host's assembly for <c>WebApplicationFactory</c> in tests.</summary>
public sealed class StandaloneHostMarker;
