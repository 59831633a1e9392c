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
        var (prefix, settings) = NewKeyRing();
        using var first = StoreRegistrationTests.Build(settings, static b => b.AddAtotiAuthDataProtection());
        using var second = StoreRegistrationTests.Build(settings, static b => b.AddAtotiAuthDataProtection());

        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("session-ticket");
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);

        Assert.Equal("session-ticket", read);
        var keyRing = await first.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .ListLengthAsync($"{prefix}data-protection-keys");
        Assert.Equal(1, keyRing);
    }

    /// <summary>
    /// Replicas started together on a new Redis (a fresh deployment) must agree on one key: left to Data
    /// Protection, each makes its own and, after its two-minute refresh window, refuses what the others
    /// protected (dotnet/aspnetcore#52678; the end-to-end suite's two identity replicas met it).
    /// </summary>
    [Fact]
    public async Task KeyRing_ReplicasStartedTogether_AgreeOnOneKeyBeforeAnyRequest()
    {
        fixture.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        var (prefix, settings) = NewKeyRing();
        var replicas = Enumerable.Range(0, 6).Select(_ => StoreRegistrationTests.Build(settings, static b => b.AddAtotiAuthDataProtection())).ToArray();
        try
        {
            var redis = replicas[0].Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            // Each on its own thread, released together: as containers of one deployment start.
            using var go = new Barrier(replicas.Length);
            await Task.WhenAll(replicas.Select(r => Task.Run(async () =>
            {
                go.SignalAndWait(ct);
                await r.StartAsync(ct);
            }, ct)));

            // The key exists once every replica has started, before anything was protected.
            Assert.Equal(1, await redis.ListLengthAsync($"{prefix}data-protection-keys"));
            var payloads = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("ticket"), ct)));
            Assert.Equal(1, await redis.ListLengthAsync($"{prefix}data-protection-keys"));
            Assert.Single(payloads.Select(KeyIdOf).Distinct());
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.StopAsync(ct);
                replica.Dispose();
            }
        }
    }

    // A Data Protection payload starts with a 4-byte magic header, then the 16-byte id of its key.
    private static Guid KeyIdOf(string payload) => new(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(payload).AsSpan(4, 16));

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

    [Fact]
    public async Task KeyRing_NoModuleLoadsItAtStart_NotReadAtStartYetUsableOnDemand()
    {
        fixture.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        var (prefix, settings) = NewKeyRing();
        using var host = StoreRegistrationTests.Build(settings, static b =>
        {
            b.AddAtotiAuthDataProtection(loadAtStart: false);
            DataProtectionRegistrationExtensions.DeferKeyRingUnlessLoadedAtStart(b.Services);
        });
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

        await host.StartAsync(ct);
        var atStart = await redis.ListLengthAsync($"{prefix}data-protection-keys");
        var payload = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("ticket");

        Assert.Equal(0, atStart);
        Assert.Equal("ticket", host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));
        Assert.Equal(1, await redis.ListLengthAsync($"{prefix}data-protection-keys"));
        await host.StopAsync(ct);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void KeyRing_DeferredUnlessAModuleLoadsItAtStart_FrameworkStartUpServiceKeptOnlyThen(bool oneModuleAtStart, bool kept)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration["AtotiAuth:Store:Redis"] = "127.0.0.1:1,abortConnect=false";
        builder.AddAtotiAuthDataProtection(loadAtStart: false);
        builder.AddAtotiAuthDataProtection(loadAtStart: oneModuleAtStart);
        builder.Services.AddDataProtection();

        DataProtectionRegistrationExtensions.DeferKeyRingUnlessLoadedAtStart(builder.Services);

        Assert.Equal(kept, builder.Services.Any(static d => d.ImplementationType?.FullName == DataProtectionRegistrationExtensions.DataProtectionStartUpService));
        Assert.Equal(kept, builder.Services.Any(static d => d.ImplementationType == typeof(KeyRingInitializer)));
    }

    /// <summary>Store settings on the fixture's Redis under a key prefix of their own: a new, empty key ring.</summary>
    private (string Prefix, Dictionary<string, string?> Settings) NewKeyRing()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        return (prefix, new() { ["AtotiAuth:Store:Redis"] = fixture.ConnectionString, ["AtotiAuth:Store:KeyPrefix"] = prefix });
    }
}
