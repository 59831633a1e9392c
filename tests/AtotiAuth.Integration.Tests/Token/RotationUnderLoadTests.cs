using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using AtotiAuth.Integration.Tests.Ping;
using AtotiAuth.Ping;
using AtotiAuth.Samples.Cube;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>
/// A key rotation as docs/keys.md describes it (add the key and make it active, it is published and
/// signs once the publish lead has passed, the old key is retired), under continuous load on two
/// sidecars and a .NET cube, while someone floods one sidecar with tokens naming forged <c>kid</c>s.
/// </summary>
public sealed class RotationUnderLoadTests(RedisFixture redis) : TokenServiceTestBase(redis)
{
    private static readonly TimeSpan UnknownKeyInterval = TimeSpan.FromSeconds(3);
    private static readonly string[] CubeIds = ["risk", "pnl"];
    private static readonly string[] ForgedRoles = ["ROLE_ADMIN"];

    [Theory]
    [InlineData("verifiers refresh before the lead ends", "00:00:02", "00:00:04")]
    [InlineData("verifiers learn the key from its first token", "00:05:00", "00:00:02")]
    public async Task Rotation_UnderLoadAndForgedKids_NoGenuineTokenRefused(string _, string keyRefresh, string publishLead)
    {
        Keys.AddRsaPem("k1");
        Keys.SetActive("k1");
        var service = StartTokenService(new Dictionary<string, string?>
        {
            ["AtotiAuth:Token:Signing:PublishLead"] = publishLead,
            ["AtotiAuth:Token:Signing:PollInterval"] = "00:00:00.100",
        });
        var verifier = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = Redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = service.KeyPrefix,
            ["AtotiAuth:Jwt:Authority"] = service.Url,
            ["AtotiAuth:Jwt:AllowHttpAuthority"] = "true",
            ["AtotiAuth:Jwt:KeyRefreshInterval"] = keyRefresh,
            ["AtotiAuth:Jwt:UnknownKeyRefreshInterval"] = UnknownKeyInterval.ToString("c"),
        };
        var cube = Own(new KestrelHost<CubeMarker>(new Dictionary<string, string?>()));
        var sidecars = CubeIds.Select(id => Own(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(verifier)
        {
            ["AtotiAuth:Ping:CubeUrl"] = cube.Address.ToString().TrimEnd('/'),
            ["AtotiAuth:Ping:Backend"] = "Headers",
            ["AtotiAuth:Ping:CubeId"] = id,
        }))).ToArray();
        var dotnetCube = Own(await VerifierApp.StartAtotiAuthAsync(service, Redis.ConnectionString, configure: o =>
        {
            o.KeyRefreshInterval = TimeSpan.Parse(keyRefresh, System.Globalization.CultureInfo.InvariantCulture);
            o.UnknownKeyRefreshInterval = UnknownKeyInterval;
        }));
        var cookies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            cookies.Add((await service.LogInAsync($"user{i}", "ROLE_USER")).Cookie);
        }

        using var http = new HttpClient();
        using var token = service.CreateRealClient();
        var outcomes = new ConcurrentBag<(string Where, string Kid, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();
        var firstK2 = new TaskCompletionSource();

        async Task UserAsync(string cookie)
        {
            while (!stop.IsCancellationRequested)
            {
                using var issued = await token.GetJwtAsync(cookie);
                var jwt = await issued.ReadTokenAsync();
                var kid = new JsonWebToken(jwt).Kid;
                if (kid == "k2")
                {
                    firstK2.TrySetResult();
                }

                foreach (var sidecar in sidecars)
                {
                    using var ping = await SidecarCalls.GetAsync(http, new Uri(sidecar.Address, "/ping"), bearer: jwt);
                    outcomes.Add((sidecar.Address.Authority, kid, ping.StatusCode));
                }

                using var called = await dotnetCube.CallAsync($"Bearer {jwt}");
                outcomes.Add(("dotnet cube", kid, called.StatusCode));
            }
        }

        var forgedRefused = 0;
        async Task ForgerAsync()
        {
            using var rsa = RSA.Create(2048);
            var handler = new JsonWebTokenHandler();
            while (!stop.IsCancellationRequested)
            {
                var forged = handler.CreateToken(new SecurityTokenDescriptor
                {
                    Issuer = service.Url,
                    Audience = "atoti",
                    Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["sid"] = "forged", ["authorities"] = ForgedRoles },
                    SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") }, SecurityAlgorithms.RsaSha512),
                });
                using var response = await SidecarCalls.GetAsync(http, new Uri(sidecars[0].Address, "/ping"), bearer: forged);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Interlocked.Increment(ref forgedRefused);
            }
        }

        // Forged kids are held until the rate limit allows a fetch (a few seconds): many forgers at once.
        var load = cookies.Select(UserAsync).Concat(Enumerable.Range(0, 16).Select(_ => ForgerAsync())).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var fetchesBefore = service.JwksReads;
        var clock = Stopwatch.StartNew();

        // docs/keys.md: add the new key and make it active; it is published at once and signs after the lead.
        Keys.AddRsaPem("k2");
        Keys.SetActive("k2");
        await firstK2.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        // Retire the old key: its file goes; it stays published until the tokens it signed expire.
        Keys.Delete("k1.pem");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var elapsed = clock.Elapsed;
        var fetches = service.JwksReads - fetchesBefore;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{outcomes.Count} genuine requests ({outcomes.Count(o => o.Kid == "k2")} with k2), {forgedRefused} forged refused, " +
            $"{fetches} JWKS reads in {elapsed.TotalSeconds:F1} s");
        Assert.DoesNotContain(outcomes, o => o.Status != HttpStatusCode.OK);
        Assert.Contains(outcomes, o => o.Kid == "k1");
        Assert.All(new[] { sidecars[0].Address.Authority, sidecars[1].Address.Authority, "dotnet cube" }, where =>
            Assert.Contains(outcomes, o => o.Where == where && o.Kid == "k2"));

        // Forged kids: one fetch per interval at the flooded sidecar; the background refreshes of three verifiers; the new key once each.
        var intervals = (int)Math.Ceiling(elapsed / UnknownKeyInterval) + 1;
        var refreshes = 3 * ((int)Math.Ceiling(elapsed / TimeSpan.Parse(keyRefresh, System.Globalization.CultureInfo.InvariantCulture)) + 1);
        Assert.True(forgedRefused > 3 * intervals, $"only {forgedRefused} forged tokens were sent");
        Assert.True(fetches <= intervals + refreshes + 3, $"{fetches} JWKS reads for {forgedRefused} forged kids in {elapsed.TotalSeconds:F1} s");
    }
}
