using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;

namespace AtotiAuth.Testcontainers.Tests.Images;

/// <summary>A network with Redis (alias <c>redis</c>) and a signing key directory, for the images that need them.</summary>
public sealed class ImageNetworkFixture : IAsyncLifetime
{
    public const string RedisConnection = "redis:6379";

    private IContainer? _redis;

    public INetwork Network { get; } = new NetworkBuilder().WithName($"atotiauth-images-{Guid.NewGuid():N}").Build();

    public TestKeyDirectory Keys { get; } = new();

    public async ValueTask InitializeAsync()
    {
        if (DockerEnvironment.UnavailableReason() is not null || DockerEnvironment.MissingImageReason(TestImages.Redis) is not null)
        {
            return;
        }

        Keys.AddRsaPem("images-1").Dispose();
        KeyFiles.MakeReadableByTheImage(Keys.Path);

        await Network.CreateAsync();
        _redis = new ContainerBuilder(TestImages.Redis)
            .WithNetwork(Network)
            .WithNetworkAliases("redis")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("redis-cli", "ping"))
            .Build();
        await _redis.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await Network.DisposeAsync();
        Keys.Dispose();
    }
}
