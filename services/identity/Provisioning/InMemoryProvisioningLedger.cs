using System.Collections.Concurrent;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>The ledger of the in-memory store (the standalone host).</summary>
internal sealed class InMemoryProvisioningLedger : IProvisioningLedger
{
    private readonly ConcurrentDictionary<string, ProvisionedUser> _users = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, ProvisionedUser>> ReadAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyDictionary<string, ProvisionedUser>>(new Dictionary<string, ProvisionedUser>(_users, StringComparer.Ordinal));

    public Task SetAsync(string userName, ProvisionedUser user, CancellationToken cancellationToken)
    {
        _users[userName] = user;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string userName, CancellationToken cancellationToken)
    {
        _users.TryRemove(userName, out _);
        return Task.CompletedTask;
    }
}
