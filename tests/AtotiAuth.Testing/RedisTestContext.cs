using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Testing;

/// <summary>
/// Connections to a Redis (the assembly's container, or a Sentinel or Cluster topology) for one test,
/// all under a prefix of its own so tests running in parallel never see each other's keys. Skips the
/// test when no container can run.
/// </summary>
public sealed class RedisTestContext : IAsyncDisposable
{
    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly Func<string> _connectionString;
    private readonly Action _ensureAvailable;

    public RedisTestContext(RedisFixture fixture)
    {
        _connectionString = () => fixture.ConnectionString;
        _ensureAvailable = fixture.EnsureAvailable;
    }

    public RedisTestContext(RedisTopologyFixture fixture)
    {
        _connectionString = () => fixture.ConnectionString;
        _ensureAvailable = fixture.EnsureAvailable;
    }

    /// <summary>The connection string of the Redis (or topology) behind this context.</summary>
    public string ConnectionString
    {
        get
        {
            _ensureAvailable();
            return _connectionString();
        }
    }

    public string KeyPrefix { get; } = $"test:{Guid.NewGuid():N}:";

    public IOptions<StoreOptions> StoreOptions(string? keyPrefix = null) =>
        Microsoft.Extensions.Options.Options.Create(new StoreOptions { Redis = "unused", KeyPrefix = keyPrefix ?? KeyPrefix });

    /// <summary>A new connection (its own sockets, as another replica would have).</summary>
    public IConnectionMultiplexer Connect()
    {
        var connection = ConnectionMultiplexer.Connect(ConnectionString);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>The connection made first, made on first use.</summary>
    public IConnectionMultiplexer Shared => _connections.Count > 0 ? _connections[0] : Connect();

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
