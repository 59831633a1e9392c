using System.Diagnostics;
using System.Globalization;
using System.Net;
using AtotiAuth.Identity;
using AtotiAuth.Identity.Ldap;
using AtotiAuth.Identity.Users;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>Issue 22's attacks and bounds with the LDAP provider configured, against the real OpenLDAP.</summary>
public sealed class LdapHardeningTests(RedisFixture redis, OpenLdapFixture ldap)
{
    [Fact]
    public async Task Login_LookAlikesOfAnLdapName_RefusedAndCountedAgainstItsLock()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        // OpenLDAP's matching rules take each of these for the entry alice.
        foreach (var lookAlike in new[] { "ａｌｉｃｅ", "ａｌｉｃｅ", "ａｌｉｃｅ", "𝐚𝐥𝐢𝐜𝐞", "𝐚𝐥𝐢𝐜𝐞" })
        {
            using var refused = await app.LoginAsync(lookAlike, "alice-pass");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(refused));
            Assert.Null(IdentityApp.SessionSetCookie(refused));
        }

        using var alice = await app.LoginAsync("alice", "alice-pass");

        Assert.Equal(HttpStatusCode.TooManyRequests, alice.StatusCode);
    }

    [Fact]
    public async Task Login_NameTypedInAnotherCase_SessionNamedAfterTheEntry()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        using var login = await app.LoginAsync("ALICE", "alice-pass");
        var jwt = await app.Token.JwtAsync(IdentityApp.SessionSetCookie(login)!.Split(';')[0]);

        Assert.Equal(HttpStatusCode.OK, jwt.Status);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal("ldap", jwt.Provider);
    }

    [Fact]
    public async Task Login_LdapDown_BasicGuessesStillCountedAndLocked()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Throttling:MaxFailuresPerUserAndAddress"] = "3",
        }, port: FreePort.Next());
        for (var i = 0; i < 3; i++)
        {
            using var guess = await app.LoginAsync(LdapTestApp.TechUser, "wrong-" + i);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, guess.StatusCode);
        }

        using var locked = await app.LoginAsync(LdapTestApp.TechUser, IdentityApp.AlicePassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Login_ExistingAndUnknownBasicNames_TakeTheSameTime()
    {
        // 600 hashes at 210,000 iterations would take minutes on a loaded machine; the property holds at
        // any work factor (a refusal costs one hash whatever the name).
        await using var app = await LdapTestApp.StartAsync(
            redis,
            ldap,
            new Dictionary<string, string?> { ["AtotiAuth:Identity:Throttling:Enabled"] = "false" },
            services: static s => s.Configure<PasswordHasherOptions>(static o => o.IterationCount = 20_000));
        var hasher = app.Identity.Get<IPasswordHasher<BasicUser>>();
        var probe = new BasicUser("probe", "x", UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var probeHash = hasher.HashPassword(probe, "probe-password");
        var differences = new List<double>();
        var hashes = new List<double>();

        // One of each kind at the same moment, so whatever else loads the machine weighs on both alike,
        // each started first every other round; the first rounds warm up. A leak would show as a whole
        // hash verification more for one kind, so the paired differences are held against one hash timed
        // in the same rounds, on the same loaded machine.
        for (var i = -10; i < 200; i++)
        {
            var unknownName = "nobody-" + i.ToString(CultureInfo.InvariantCulture);
            Task<double> existingTry, unknownTry;
            if (i % 2 == 0)
            {
                existingTry = TimeAsync(app, LdapTestApp.TechUser);
                unknownTry = TimeAsync(app, unknownName);
            }
            else
            {
                unknownTry = TimeAsync(app, unknownName);
                existingTry = TimeAsync(app, LdapTestApp.TechUser);
            }

            await Task.WhenAll(existingTry, unknownTry);
            var clock = Stopwatch.StartNew();
            hasher.VerifyHashedPassword(probe, probeHash, "not-the-password");
            clock.Stop();
            if (i >= 0)
            {
                differences.Add(await existingTry - await unknownTry);
                hashes.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var (difference, hash) = (Median(differences), Median(hashes));
        TestContext.Current.TestOutputHelper?.WriteLine($"median of 200 paired differences, existing minus unknown basic name: {difference:F2} ms; one hash verification {hash:F2} ms");
        Assert.True(
            Math.Abs(difference) < hash / 2,
            $"an existing basic name took {difference:F1} ms more than an unknown one at the median, against {hash:F1} ms for one hash verification");
    }

    [Fact]
    public async Task Login_HundredAtOnce_NeverMoreDirectoryWorkThanTheCap()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:MaxConnections"] = "4",
            ["AtotiAuth:Identity:Ldap:PoolSize"] = "2",
            ["AtotiAuth:Identity:Ldap:QueueTimeout"] = "00:01:00",
        });

        var logins = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var login = await app.LoginAsync("alice", "alice-pass", $"198.18.0.{i + 1}");
            return login.StatusCode;
        }));

        Assert.All(logins, static s => Assert.Equal(HttpStatusCode.Found, s));
        Assert.InRange(app.Identity.Get<LdapSlots>().PeakBusy, 1, 4);
    }

    private static async Task<double> TimeAsync(LdapTestApp app, string userName)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        using var response = await app.LoginAsync(userName, "not-the-password");
        clock.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return (values[(values.Count - 1) / 2] + values[values.Count / 2]) / 2;
    }
}
