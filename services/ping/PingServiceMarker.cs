namespace AtotiAuth.Ping;

/// <summary>Marks the ping service's assembly for <c>WebApplicationFactory</c> in tests (STYLE.md §18).</summary>
public sealed class PingServiceMarker;
