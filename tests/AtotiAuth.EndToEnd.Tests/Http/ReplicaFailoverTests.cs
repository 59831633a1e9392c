using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AtotiAuth.EndToEnd.Tests.Infrastructure;
using AtotiAuth.Testcontainers;

namespace AtotiAuth.EndToEnd.Tests.Http;

/// <summary>
/// One identity replica is stopped while logged-in users keep working through the gateway: sessions
/// live in Redis and the gateway passes over a replica that does not answer, so nobody notices. Runs
/// alone (after the parallel tests), since it takes a replica away from everyone.
/// </summary>
[Collection(nameof(SystemAlteringTests))]
public sealed class ReplicaFailoverTests(EndToEndSystem system)
{
    private const int Users = 6;

    // Long enough that the gateway tries the stopped replica again after its fail_timeout (10 s).
    private static readonly TimeSpan AfterStop = TimeSpan.FromSeconds(14);

    [Fact]
    public async Task IdentityReplica_StoppedMidRun_NoLoggedInUserLosesTheirSession()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        var users = new List<SystemUser>();
        try
        {
            for (var i = 0; i < Users; i++)
            {
                var user = await system.Admin.CreateUserAsync($"replica{i}", ct);
                users.Add(user);
                using var login = await user.LoginAsync(ct);
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            }

            var failures = new ConcurrentQueue<string>();
            var rounds = new int[Users];
            using var stopLoad = new CancellationTokenSource();
            var load = users.Select((user, i) => KeepWorkingAsync(user, i, rounds, failures, stopLoad.Token)).ToArray();

            await WaitForRoundsAsync(rounds, 2, ct);
            var stopped = Stopwatch.StartNew();
            await system.Container(Topology.IdentityReplicas[0]).StopAsync(ct);
            var roundsAtStop = rounds.ToArray();
            while (stopped.Elapsed < AfterStop || rounds.Select((n, i) => n - roundsAtStop[i]).Min() < 5)
            {
                await Task.Delay(250, ct);
            }

            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
            Assert.Empty(failures);
            Assert.All(rounds.Select((n, i) => n - roundsAtStop[i]), static n => Assert.True(n >= 5, $"only {n} rounds after the stop"));

            // With one replica left: logouts and new logins still work, and the others keep their session.
            using (var logout = await users[0].LogoutAsync(ct))
            {
                Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
            }

            using (var jwt = await users[0].RequestJwtAsync(ct))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, jwt.StatusCode);
            }

            using var newcomer = await system.Admin.CreateUserAsync("replica-new", ct);
            using (var login = await newcomer.LoginAsync(ct))
            {
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            }

            Assert.NotEmpty(await newcomer.GetJwtAsync(ct));
            foreach (var user in users.Skip(1))
            {
                Assert.NotEmpty(await user.GetJwtAsync(ct));
            }

            await RestartAndCheckAsync(newcomer, ct);
        }
        finally
        {
            users.ForEach(static u => u.Dispose());
        }
    }

    /// <summary>
    /// The stopped replica comes back (the gateway takes it again) and knows a session it never saw,
    /// created while it was down: asked directly with the module's helpers, it ends that session, and a
    /// login there gives a session the other token replica accepts.
    /// </summary>
    private async Task RestartAndCheckAsync(SystemUser newcomer, CancellationToken ct)
    {
        var replica = system.Identity(0);
        await replica.StartAsync(ct);
        await system.ReloadGatewayAsync(ct);

        var cookie = newcomer.Cookies.GetCookies(system.Gateway.Auth)[Topology.SessionCookie];
        Assert.NotNull(cookie);
        await replica.LogoutAsync(new AtotiAuthSession(cookie.Name, cookie.Value), ct);
        using (var jwt = await newcomer.RequestJwtAsync(ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, jwt.StatusCode);
        }

        var session = await replica.LoginAsync(newcomer.Name, newcomer.Password, ct);
        var token = (AtotiAuthTokenContainer)system.Container(Topology.TokenReplicas[1]);
        Assert.Equal(newcomer.Name, JwtPayload.Decode(await token.GetJwtAsync(session, ct)).GetProperty("sub").GetString());
    }

    /// <summary>A user's tab at work: token refreshes from the token service, pages from the identity service.</summary>
    private async Task KeepWorkingAsync(SystemUser user, int index, int[] rounds, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        var ui = new Uri(system.Gateway.Auth, "/ui/");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using (var jwt = await user.RequestJwtAsync(stop))
                {
                    Expect(jwt, HttpStatusCode.OK, "/jwt", user, failures);
                }

                using (var page = await user.Client.GetAsync(ui, stop))
                {
                    Expect(page, HttpStatusCode.OK, "/ui/", user, failures);
                }

                // The login page, which offers Kerberos with a 401 (docs/kerberos.md).
                using (var login = await user.Client.GetAsync(new Uri(system.Gateway.Auth, "/login"), stop))
                {
                    Expect(login, HttpStatusCode.Unauthorized, "/login", user, failures);
                }

                Interlocked.Increment(ref rounds[index]);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue($"{user.Name}: {ex.Message}");
            }
        }
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what, SystemUser user, ConcurrentQueue<string> failures)
    {
        if (response.StatusCode != expected)
        {
            failures.Enqueue($"{user.Name} {what}: {(int)response.StatusCode} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
        }
    }

    private static async Task WaitForRoundsAsync(int[] rounds, int atLeast, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(1));
        while (rounds.Min() < atLeast)
        {
            await Task.Delay(100, patience.Token);
        }
    }
}
