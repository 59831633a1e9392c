namespace AtotiAuth.Identity;

/// <summary>Marks the identity service's assembly for <c>WebApplicationFactory</c> in tests (STYLE.md §18).</summary>
public sealed class IdentityServiceMarker;
