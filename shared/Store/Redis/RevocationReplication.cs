using System.Globalization;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Makes a revocation survive the loss of the primary (issue 21): the revocation script and a
/// <c>WAIT numreplicas timeout</c> behind it, on a connection of their own. <c>WAIT</c> counts the
/// writes made earlier on its own connection, and blocks that connection until the replicas answer:
/// on the shared connection every other request would queue behind it, so revocations get a second
/// multiplexer (same settings), made on first use. A primary chosen by Sentinel or the cluster after a
/// failover is the replica most up to date, so a revocation acknowledged by
/// <see cref="StoreOptions.RevocationReplicas"/> replicas is on it.
/// </summary>
internal sealed class RevocationReplication : IDisposable
{
    private readonly IConnectionMultiplexer _shared;
    private readonly int _replicas;
    private readonly long _timeoutMilliseconds;
    private readonly Lazy<IConnectionMultiplexer>? _own;

    public RevocationReplication(IConnectionMultiplexer shared, StoreOptions options)
    {
        _shared = shared;
        _replicas = options.RevocationReplicas;
        _timeoutMilliseconds = (long)options.RevocationReplicaTimeout.TotalMilliseconds;
        if (_replicas > 0)
        {
            _own = new(() => ConnectionMultiplexer.Connect(RedisConnection.Configure(options, "atotiauth-revocations")));
        }
    }

    /// <summary>Runs <paramref name="script"/> (its first key decides the server) and, when replicas are required, waits for them.</summary>
    /// <exception cref="StoreUnavailableException">Fewer replicas than required acknowledged the write in time.</exception>
    public async Task EvaluateAsync(string script, RedisKey[] keys, RedisValue[] arguments)
    {
        if (_own is null)
        {
            await _shared.GetDatabase().ScriptEvaluateAsync(script, keys, arguments).ConfigureAwait(false);
            return;
        }

        var redis = _own.Value;
        await redis.GetDatabase().ScriptEvaluateAsync(script, keys, arguments).ConfigureAwait(false);
        var acknowledged = (long)await redis.GetServer(keys[0]).ExecuteAsync("WAIT", _replicas, _timeoutMilliseconds).ConfigureAwait(false);
        if (acknowledged < _replicas)
        {
            throw new StoreUnavailableException(string.Create(
                CultureInfo.InvariantCulture,
                $"The revocation is on the primary but only {acknowledged} of the {_replicas} replica(s) required (AtotiAuth:Store:RevocationReplicas) acknowledged it within {_timeoutMilliseconds} ms: answered as a failure, since a failover could still lose it."));
        }
    }

    public void Dispose()
    {
        if (_own is { IsValueCreated: true })
        {
            _own.Value.Dispose();
        }
    }
}
