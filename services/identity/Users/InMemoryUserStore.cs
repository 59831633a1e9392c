namespace AtotiAuth.Identity.Users;

/// <summary>Basic users of the standalone host.</summary>
internal sealed class InMemoryUserStore : IUserStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, BasicUser> _users = new(StringComparer.Ordinal);

    public Task<BasicUser?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        lock (_gate)
        {
            return Task.FromResult(_users.GetValueOrDefault(userName));
        }
    }

    public Task<bool> CreateAsync(BasicUser user, CancellationToken cancellationToken = default)
    {
        UserRules.Validate(user);
        lock (_gate)
        {
            return Task.FromResult(_users.TryAdd(user.UserName, user));
        }
    }

    public Task<bool> UpdateAsync(BasicUser user, CancellationToken cancellationToken = default)
    {
        UserRules.Validate(user);
        lock (_gate)
        {
            if (!_users.ContainsKey(user.UserName))
            {
                return Task.FromResult(false);
            }

            _users[user.UserName] = user;
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        lock (_gate)
        {
            return Task.FromResult(_users.Remove(userName));
        }
    }

    public Task<IReadOnlyList<BasicUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<BasicUser>>([.. _users.Values]);
        }
    }
}
