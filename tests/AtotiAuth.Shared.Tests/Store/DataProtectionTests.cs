using AtotiAuth.Shared.DataProtection;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

public sealed class DataProtectionTests(RedisFixture fixture)
{
    private const string Purpose = "AtotiAuth.Tests.Cookie";

    [Fact]
    public async Task KeyRing_RedisSet_PayloadProtectedByOneReplicaReadByAnother()
    {
        fixture.EnsureAvailable();
        var prefix = $"test:{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?> { ["AtotiAuth:Store:Redis"] = fixture.ConnectionString, ["AtotiAuth:Store:KeyPrefix"] = prefix };
        using var first = StoreRegistrationTests.Build(settings, static b => b.AddAtotiAuthDataProtection());
        using var second = StoreRegistrationTests.Build(settings, static b => b.AddAtotiAuthDataProtection());

        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("session-ticket");
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);

        Assert.Equal("session-ticket", read);
        var keyRing = await first.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .ListLengthAsync($"{prefix}data-protection-keys");
        Assert.Equal(1, keyRing);
    }

    [Fact]
    public void KeyRing_InMemory_ProtectsWithinTheProcess()
    {
        using var host = StoreRegistrationTests.Build(
            new() { ["AtotiAuth:Store:AllowInMemory"] = "true" },
            static b => b.AddAtotiAuthDataProtection());
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

        Assert.Equal("session-ticket", protector.Unprotect(protector.Protect("session-ticket")));
    }

    [Fact]
    public void KeyRing_InMemory_KeepsItsKeysOffDisk()
    {
        using var host = StoreRegistrationTests.Build(
            new() { ["AtotiAuth:Store:AllowInMemory"] = "true" },
            static b => b.AddAtotiAuthDataProtection());
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("session-ticket");

        var repository = host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        var stored = Assert.IsType<InMemoryKeyRingRepository>(repository);
        Assert.Single(stored.GetAllElements());
    }
}
