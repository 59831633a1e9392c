namespace AtotiAuth.Identity.Principals;

/// <summary>
/// What the identity service knows that a migration of stored data to per-provider principals (issue 22)
/// needs: which provider owns individual roles stored under a bare user name, and which provider ids
/// were renamed (an OpenID provider <c>google</c> became <c>oidc:google</c>).
/// </summary>
/// <param name="BasicProvider">The basic users' provider id: a bare user name that is a basic user goes to it, and its mapping keys were user names.</param>
/// <param name="UnownedRolesProvider">The provider that gets a bare user name's individual roles when it is no basic user; null leaves them unassigned.</param>
/// <param name="RenamedProviders">Old provider id → new one, for role mappings, default roles and sessions.</param>
public sealed record StoreLayoutPlan(string BasicProvider, string? UnownedRolesProvider, IReadOnlyDictionary<string, string> RenamedProviders);
