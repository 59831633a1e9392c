using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>How a service container signs in to Redis and checks its certificate (docs/redis.md).</summary>
internal static class RedisClientSettings
{
    /// <summary>Where a service container finds the CA of Redis's certificate (bind-mounted: the services' root file system is read-only).</summary>
    public const string CaMountPath = "/etc/atotiauth/redis-ca.crt";

    public static TBuilder WithRedisUserSettings<TBuilder, TContainer, TConfiguration>(
        this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, string user, string password)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return builder
            .WithEnvironment("AtotiAuth__Store__User", user)
            .WithEnvironment("AtotiAuth__Store__Password", password);
    }

    public static TBuilder WithRedisCaSettings<TBuilder, TContainer, TConfiguration>(
        this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, string hostFile)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostFile);
        return builder
            .WithBindMount(Path.GetFullPath(hostFile), CaMountPath, AccessMode.ReadOnly)
            .WithEnvironment("AtotiAuth__Store__CaCertificateFile", CaMountPath);
    }
}
