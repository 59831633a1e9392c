using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// The ledger in one Redis hash, <c>{prefix}provisioning:csv</c>: user name → <c>c:</c> (created by the
/// file), <c>d:</c> (created by the file, deactivated since it is no longer listed) or <c>u:</c> (listed,
/// created elsewhere), then the row's digest when kept. One key, so one <c>HGETALL</c> reads it at each apply.
/// </summary>
internal sealed class RedisProvisioningLedger(IConnectionMultiplexer redis, IOptions<StoreOptions> store) : IProvisioningLedger
{
    private readonly RedisKey _key = store.Value.KeyPrefix + "provisioning:csv";

    public async Task<IReadOnlyDictionary<string, ProvisionedUser>> ReadAsync(CancellationToken cancellationToken)
    {
        var entries = await CallAsync(() => redis.GetDatabase().HashGetAllAsync(_key), cancellationToken);
        var users = new Dictionary<string, ProvisionedUser>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var value = (string)entry.Value!;
            var created = value.StartsWith("c:", StringComparison.Ordinal) || value.StartsWith("d:", StringComparison.Ordinal);
            users[(string)entry.Name!] = new ProvisionedUser(created, value.StartsWith("d:", StringComparison.Ordinal), value.Length > 2 ? value[2..] : null);
        }

        return users;
    }

    public Task SetAsync(string userName, ProvisionedUser user, CancellationToken cancellationToken)
        => CallAsync(() => redis.GetDatabase().HashSetAsync(_key, userName, Prefix(user) + user.Digest), cancellationToken);

    public Task RemoveAsync(string userName, CancellationToken cancellationToken)
        => CallAsync(() => redis.GetDatabase().HashDeleteAsync(_key, userName), cancellationToken);

    private static string Prefix(ProvisionedUser user) => user switch
    {
        { CreatedByFile: false } => "u:",
        { Unlisted: true } => "d:",
        _ => "c:",
    };

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new StoreUnavailableException($"Redis did not answer: {ex.GetType().Name}.", ex);
        }
    }
}
