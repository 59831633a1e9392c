using DotNet.Testcontainers.Containers;
using Testcontainers.Redis;

namespace AtotiAuth.Testing;

/// <summary>A real Redis (Debian's redis-server) in a container.</summary>
public sealed class RedisFixture : ContainerFixture
{
    /// <summary>StackExchange.Redis connection string to the container.</summary>
    public string ConnectionString => ((RedisContainer)Container).GetConnectionString();

    /// <inheritdoc />
    protected override string Image => TestImages.Redis;

    /// <inheritdoc />
    protected override IContainer Build() => new RedisBuilder(Image).Build();
}
