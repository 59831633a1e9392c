namespace AtotiAuth.Samples.Cube;

/// <summary>Marks the sample cube's assembly for <c>WebApplicationFactory</c> in tests (STYLE.md §18).</summary>
public sealed class CubeMarker;
