namespace AtotiAuth.Token;

/// <summary>Marks the token service's assembly for <c>WebApplicationFactory</c> in tests (STYLE.md §18).</summary>
public sealed class TokenServiceMarker;
