namespace AtotiAuth.Shared.Roles;

/// <summary>What a provider knows about a principal once it has verified the credentials.</summary>
/// <param name="Provider">The provider's id (<c>basic</c>, <c>ldap</c>, an OIDC provider id): selects mapping and default roles.</param>
/// <param name="UserName">The user name, already case-converted by the provider.</param>
/// <param name="ProviderRoles">The provider's own roles or groups (LDAP groups, OIDC role claims); empty for basic users.</param>
/// <param name="KeyComparison">How <paramref name="ProviderRoles"/> match mapping keys.</param>
public sealed record RoleResolutionRequest(
    string Provider,
    string UserName,
    IReadOnlyCollection<string> ProviderRoles,
    RoleKeyComparison KeyComparison = RoleKeyComparison.Ordinal);
