using System.Net;
using AtotiAuth.Testcontainers.Tests.Module;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary>
/// The Kerberos provider as deployed (issue 15): replicas behind one address, a key rotation the keytab
/// missed, the KDC down, a root file system without a writable <c>/var/tmp</c>, the standalone image.
/// </summary>
[Collection(nameof(KerberosTests))]
public sealed class KerberosDeploymentTests(KerberosFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_TwoReplicasBehindOneAddress_EveryLoginSucceedsOnEither()
    {
        KerberosFixture.EnsureAvailable();
        var before = fixture.Proxy.Connections;
        var users = new[] { (KerberosFixture.Alice, KerberosFixture.AlicePassword), (KerberosFixture.Bob, KerberosFixture.BobPassword) };

        // One client per login: a new connection each, so the address sends them to either replica in turn.
        for (var i = 0; i < 6; i++)
        {
            var (principal, password) = users[i % 2];
            using var client = KerberosHttp.Client(new NetworkCredential(principal, password));
            using var login = await KerberosHttp.LoginAsync(client, fixture.Proxy.Address);

            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(principal.Split('@')[0], (await fixture.JwtOfAsync(KerberosHttp.Session(login)!, Ct)).Subject);
        }

        var served = fixture.Proxy.Connections.Zip(before, static (now, then) => now - then).ToArray();
        Assert.All(served, static connections => Assert.True(connections >= 3, "each replica took its share of the logins"));
    }

    [Fact]
    public async Task Login_KeytabFromBeforeAKeyRotation_Refused()
    {
        KerberosFixture.EnsureAvailable();
        var keytab = await fixture.Kdc.GetKeytabAsync([KerberosFixture.RotatedService], Ct);
        await using var identity = new AtotiAuthIdentityBuilder()
            .WithNetwork(fixture.System.Network)
            .WithRedis(fixture.System.RedisConnectionString)
            .WithRedisUser(AtotiAuthRedisUsers.Identity, fixture.System.RedisUsers.PasswordOf(AtotiAuthRedisUsers.Identity))
            .WithKerberos(KerberosFixture.RotatedService, keytab)
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await identity.StartAsync(timeout.Token);
        using (var current = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.RotatedService))
        using (var client = KerberosHttp.Client())
        using (var accepted = await KerberosHttp.LoginAsync(client, identity.GetBaseAddress(), current.Token))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        Assert.Equal(2, await fixture.Kdc.RotateKeysAsync(KerberosFixture.RotatedService, Ct));

        using var rotated = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.RotatedService);
        using var stale = KerberosHttp.Client();
        using var refused = await KerberosHttp.LoginAsync(stale, identity.GetBaseAddress(), rotated.Token);
        Assert.Equal((HttpStatusCode.Unauthorized, "kerberos_ticket_invalid"), await KerberosHttp.RefusalAsync(refused));
    }

    [Fact]
    public async Task Login_KdcDown_TicketHoldersStillSignInOthersAre401()
    {
        KerberosFixture.EnsureAvailable();
        var identity = fixture.System.Identities[0].GetBaseAddress();
        using var holder = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.Service);
        await fixture.Kdc.StopAsync(Ct);
        try
        {
            using (var withPassword = KerberosHttp.Client(new NetworkCredential(KerberosFixture.Bob, KerberosFixture.BobPassword)))
            using (var noTicket = await KerberosHttp.LoginAsync(withPassword, identity))
            {
                Assert.Equal((HttpStatusCode.Unauthorized, "missing_credentials"), await KerberosHttp.RefusalAsync(noTicket));
            }

            // The service reads tickets with its keytab alone: no call to the KDC.
            using (var client = KerberosHttp.Client())
            using (var held = await KerberosHttp.LoginAsync(client, identity, holder.Token))
            {
                Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            }

            Assert.NotEmpty(await fixture.System.GetJwtAsync(await fixture.System.LoginAsync("tech", KerberosFixture.TechPassword, Ct), Ct));
        }
        finally
        {
            await RestartKdcAsync();
        }
    }

    [Fact]
    public async Task Start_ReadOnlyRootWithoutWritableVarTmp_ExitsSayingWhy()
    {
        KerberosFixture.EnsureAvailable();
        var keytab = HostFolder.CreateWith("atotiauth-kerberos-keytab-", "service.keytab", fixture.Keytab);
        try
        {
            await using var container = new ContainerBuilder(AtotiAuthImages.Identity)
                .WithNetwork(fixture.System.Network)
                .WithTmpfsMount("/tmp")
                .WithCreateParameterModifier(static p => (p.HostConfig ??= new()).ReadonlyRootfs = true)
                .WithBindMount(keytab, "/keytab", AccessMode.ReadOnly)
                .WithEnvironment("AtotiAuth__Store__Redis", fixture.System.RedisConnectionString)
                .WithEnvironment("AtotiAuth__Identity__Kerberos__ServicePrincipal", KerberosFixture.Service)
                .WithEnvironment("AtotiAuth__Identity__Kerberos__Keytab", "/keytab/service.keytab")
                .Build();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await container.StartAsync(timeout.Token);

            var exitCode = await container.GetExitCodeAsync(timeout.Token);
            var (stdout, stderr) = await container.GetLogsAsync(ct: timeout.Token);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("replay cache needs a writable /var/tmp", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            HostFolder.Delete(keytab);
        }
    }

    [Fact]
    public async Task Standalone_KerberosLogin_WorksInItsImage()
    {
        KerberosFixture.EnsureAvailable();
        await using var standalone = new AtotiAuthStandaloneBuilder()
            .WithKerberos(KerberosFixture.Service, fixture.Keytab)
            .WithDefaultRoles("kerberos", "ROLE_USER")
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await standalone.StartAsync(timeout.Token);

        var session = await standalone.LoginWithKerberosAsync(KerberosFixture.Alice, KerberosFixture.AlicePassword, Ct);

        var jwt = await JwtAssertions.ValidAsync(await standalone.GetJwtAsync(session, Ct), standalone.GetJwksUrl(), standalone.Issuer);
        Assert.Equal("alice", jwt.FindFirst("sub")?.Value);
    }

    /// <summary>Starts the KDC again (on a new host port) and waits until it issues tickets.</summary>
    private async Task RestartKdcAsync()
    {
        await fixture.Kdc.StartAsync(CancellationToken.None);
        fixture.Kdc.UseForThisProcess();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var probe = KerberosClient.Start(KerberosFixture.Bob, KerberosFixture.BobPassword, KerberosFixture.Service);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }
}
