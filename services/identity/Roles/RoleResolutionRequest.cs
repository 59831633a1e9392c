using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Roles;

/// <summary>What a provider knows about a principal once it has verified the credentials.</summary>
/// <param name="Provider">The provider's id (<c>basic</c>, <c>ldap</c>, <c>oidc:{id}</c>): selects individual roles, mapping and default roles.</param>
/// <param name="UserName">The provider's canonical user name, already case-converted.</param>
/// <param name="ProviderRoles">The provider's own roles or groups (LDAP groups, OIDC role claims); empty for basic users.</param>
/// <param name="KeyComparison">How <paramref name="ProviderRoles"/> match mapping keys.</param>
public sealed record RoleResolutionRequest(
    string Provider,
    string UserName,
    IReadOnlyCollection<string> ProviderRoles,
    RoleKeyComparison KeyComparison = RoleKeyComparison.Ordinal)
{
    /// <summary>The principal the request is for.</summary>
    public PrincipalId Principal => new(Provider, UserName);
}
