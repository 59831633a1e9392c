using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>Starts token services (and verifier apps) per test and disposes them after it.</summary>
public abstract class TokenServiceTestBase(RedisFixture redis) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected RedisFixture Redis => redis;

    protected TestKeyDirectory Keys { get; } = new();

    /// <summary>Skips without Docker, writes a key <c>k1</c> unless the directory has keys, and starts the service.</summary>
    protected TokenServiceFactory StartTokenService(IReadOnlyDictionary<string, string?>? settings = null)
    {
        redis.EnsureAvailable();
        if (!Directory.EnumerateFiles(Keys.Path).Any())
        {
            Keys.AddRsaPem("k1");
        }

        var factory = new TokenServiceFactory(redis, Keys, settings);
        _owned.Add(factory);
        factory.StartServer();
        return factory;
    }

    protected T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        Keys.Dispose();
        GC.SuppressFinalize(this);
    }
}
