using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Users;

namespace AtotiAuth.Identity.Admin;

/// <summary>The user store with its listing served through <see cref="AdminListCache"/>; every write drops the copies.</summary>
internal sealed class ListCachingUserStore(IUserStore inner, AdminListCache cache) : IUserStore
{
    public Task<BasicUser?> FindAsync(string userName, CancellationToken cancellationToken = default) => inner.FindAsync(userName, cancellationToken);

    public Task<bool> CreateAsync(BasicUser user, CancellationToken cancellationToken = default) => cache.AfterWriteAsync(inner.CreateAsync(user, cancellationToken));

    public Task<bool> UpdateAsync(BasicUser user, CancellationToken cancellationToken = default) => cache.AfterWriteAsync(inner.UpdateAsync(user, cancellationToken));

    public Task<bool> DeleteAsync(string userName, CancellationToken cancellationToken = default) => cache.AfterWriteAsync(inner.DeleteAsync(userName, cancellationToken));

    public Task<IReadOnlyList<BasicUser>> ListAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync(cache.Users, () => inner.ListAsync(cancellationToken));
}

/// <summary>The role store with the individual roles' listing served through <see cref="AdminListCache"/>; every write drops the copies.</summary>
internal sealed class ListCachingRoleStore(IRoleStore inner, AdminListCache cache) : IRoleStore
{
    public Task<IReadOnlyList<string>> GetIndividualRolesAsync(string userName, CancellationToken cancellationToken = default) =>
        inner.GetIndividualRolesAsync(userName, cancellationToken);

    public Task SetIndividualRolesAsync(string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default) =>
        cache.AfterWriteAsync(inner.SetIndividualRolesAsync(userName, roles, cancellationToken));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync(cache.IndividualRoles, () => inner.ListIndividualRolesAsync(cancellationToken));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetRoleMappingAsync(string provider, CancellationToken cancellationToken = default) =>
        inner.GetRoleMappingAsync(provider, cancellationToken);

    public Task SetRoleMappingAsync(string provider, string key, IEnumerable<string> roles, CancellationToken cancellationToken = default) =>
        cache.AfterWriteAsync(inner.SetRoleMappingAsync(provider, key, roles, cancellationToken));

    public Task<IReadOnlyList<string>> GetDefaultRolesAsync(string provider, CancellationToken cancellationToken = default) =>
        inner.GetDefaultRolesAsync(provider, cancellationToken);

    public Task SetDefaultRolesAsync(string provider, IEnumerable<string> roles, CancellationToken cancellationToken = default) =>
        cache.AfterWriteAsync(inner.SetDefaultRolesAsync(provider, roles, cancellationToken));
}
