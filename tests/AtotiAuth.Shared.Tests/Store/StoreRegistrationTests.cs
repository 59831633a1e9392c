using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Tests.Store;

public sealed class StoreRegistrationTests
{
    [Fact]
    public async Task AddAtotiAuthStore_NoRedisInMemoryAllowed_RegistersInMemoryStores()
    {
        using var host = Build(new() { ["AtotiAuth:Store:AllowInMemory"] = "true" }, static b => b.AddAtotiAuthStore());
        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.IsType<InMemorySessionStore>(host.Services.GetRequiredService<ISessionStore>());
        Assert.IsType<InMemoryRevocationStore>(host.Services.GetRequiredService<IRevocationStore>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddAtotiAuthStore_RedisSet_RegistersRedisStoresOnOneConnection()
    {
        using var host = Build(
            new() { ["AtotiAuth:Store:Redis"] = "127.0.0.1:1,connectTimeout=100" },
            static b => b.AddAtotiAuthStore().AddAtotiAuthStore());

        Assert.IsType<RedisSessionStore>(host.Services.GetRequiredService<ISessionStore>());
        Assert.IsType<RedisRevocationStore>(host.Services.GetRequiredService<IRevocationStore>());
        var checks = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Single(checks, static r => r.Name == "redis");
    }

    [Fact]
    public async Task AddAtotiAuthStore_NoRedisInMemoryNotAllowed_FailsAtStartNamingTheKey()
    {
        using var host = Build([], static b => b.AddAtotiAuthStore());

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AtotiAuth:Store:Redis", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAtotiAuthRevocationCache_InMemory_CacheHearsLogout()
    {
        using var host = Build(new() { ["AtotiAuth:Store:AllowInMemory"] = "true" }, static b => b.AddAtotiAuthRevocationCache());
        var cancel = TestContext.Current.CancellationToken;
        await host.StartAsync(cancel);
        var sessions = host.Services.GetRequiredService<ISessionStore>();
        var cache = host.Services.GetRequiredService<RevocationCache>();
        var issued = await sessions.CreateAsync(new NewSession("alice", "basic", ["ROLE_USER"]), cancel);

        var before = await cache.IsRevokedAsync(issued.Session.Id, cancel);
        await sessions.RevokeAsync(issued.Session.Id, cancel);
        var after = await cache.IsRevokedAsync(issued.Session.Id, cancel);
        await host.StopAsync(cancel);

        Assert.False(before);
        Assert.True(after);
    }

    internal static IHost Build(Dictionary<string, string?> settings, Action<IHostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder);
        return builder.Build();
    }
}
