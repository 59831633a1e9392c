using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Identity.Tests.Store;

/// <summary>The identity service adds its own stores beside the shared ones, of the same kind (issue 17).</summary>
public sealed class IdentityStoreRegistrationTests
{
    [Fact]
    public void AddIdentityStores_NoRedis_RegistersInMemoryStores()
    {
        using var host = Build(new() { ["AtotiAuth:Store:AllowInMemory"] = "true" });

        Assert.IsType<InMemoryUserStore>(host.Services.GetRequiredService<IUserStore>());
        Assert.IsType<InMemoryRoleStore>(host.Services.GetRequiredService<IRoleStore>());
        Assert.IsType<InMemoryLoginAttemptStore>(host.Services.GetRequiredService<ILoginAttemptStore>());
        Assert.IsType<InMemoryLayoutMigration>(host.Services.GetRequiredService<IStoreLayoutMigration>());
        Assert.NotNull(host.Services.GetRequiredService<ISessionStore>());
    }

    [Fact]
    public void AddIdentityStores_RedisSet_RegistersRedisStores()
    {
        using var host = Build(new() { ["AtotiAuth:Store:Redis"] = "127.0.0.1:1,connectTimeout=100" });

        Assert.IsType<RedisUserStore>(host.Services.GetRequiredService<IUserStore>());
        Assert.IsType<RedisRoleStore>(host.Services.GetRequiredService<IRoleStore>());
        Assert.IsType<RedisLoginAttemptStore>(host.Services.GetRequiredService<ILoginAttemptStore>());
        Assert.IsType<RedisLayoutMigration>(host.Services.GetRequiredService<IStoreLayoutMigration>());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIdentityStores();
        return builder.Build();
    }
}
