using System.Globalization;
using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Store;

/// <summary>
/// The primary of a Sentinel set (one primary, one replica, three Sentinels) killed (<c>docker kill</c>)
/// while users sign in, fetch JWTs, ping two cubes and sign out (issue 21). Logouts wait for one replica
/// (<c>AtotiAuth:Store:RevocationReplicas=1</c>), so no acknowledged revocation is lost: no revoked
/// token is accepted at any sidecar during or after the failover. The system serves again once
/// Sentinel has promoted the replica; logouts, which need a replica, once a new one is in sync (as
/// Kubernetes would replace the lost pod). The 503s of the gap are counted and reported.
/// </summary>
public sealed class SentinelFailoverTests(RedisSentinelFixture sentinel) : IClassFixture<RedisSentinelFixture>
{
    /// <summary>Sentinel's failover (down after 1 s, then the election) plus the clients' reconnect, with room for a loaded machine.</summary>
    private static readonly TimeSpan ServesAgainBound = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrimaryKilledUnderLoad_NoRevokedTokenAcceptedAndServesAgain()
    {
        sentinel.EnsureAvailable();
        await using var system = new StoreSystem(sentinel.ConnectionString, new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:RevocationReplicas"] = "1",
            ["AtotiAuth:Store:RevocationReplicaTimeout"] = "00:00:00.500",
        });
        for (var attempt = 0; (await system.LoginAsync(StoreSystem.Alice, StoreSystem.AlicePassword, Ct)).Value is null && attempt < 100; attempt++)
        {
            await Task.Delay(100, Ct);
        }

        var oldPrimary = await sentinel.CurrentPrimaryAsync(Ct);
        var load = new FailoverLoad(system);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(users: 3, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var killedAt = load.Now;
        await RedisTopologyFixture.KillAsync(sentinel.Primary);
        await WaitForAsync(() => load.Recovered("sign-in", killedAt) is not null && load.Recovered("/jwt", killedAt) is not null, ServesAgainBound);
        var servesAgainAt = new[] { load.Recovered("sign-in", killedAt), load.Recovered("/jwt", killedAt) }.Max();
        var newPrimary = await sentinel.CurrentPrimaryAsync(Ct);
        var replicaAt = load.Now;
        await sentinel.StartReplicaAsync(newPrimary, Ct);
        var inSyncAt = load.Now;
        await WaitForAsync(() => load.FirstSuccess("logout", inSyncAt) is not null, ServesAgainBound);
        var logoutsAgainAt = load.FirstSuccess("logout", inSyncAt);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        await stop.CancelAsync();
        await running;

        var stillAccepted = new List<string>();
        foreach (var jwt in load.Revoked.Keys)
        {
            for (var sidecar = 0; sidecar < system.Sidecars.Count; sidecar++)
            {
                if ((await system.PingAsync(sidecar, jwt, Ct)).Status != HttpStatusCode.Unauthorized)
                {
                    stillAccepted.Add($"sidecar {sidecar}");
                }
            }
        }

        var gapEnd = servesAgainAt ?? load.Now;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover {oldPrimary} -> {newPrimary}: killed at {killedAt.TotalSeconds:F1} s; sign-in, /jwt and ping served again after {(gapEnd - killedAt).TotalSeconds:F1} s; " +
            $"a new replica was in sync {(inSyncAt - replicaAt).TotalSeconds:F1} s after it was started and logouts answered again {((logoutsAgainAt ?? load.Now) - inSyncAt).TotalSeconds:F1} s after that; " +
            $"{load.Revoked.Count} logouts acknowledged, none accepted again: {load.Violations.Count} violations. " +
            $"Before: {load.Summary(TimeSpan.Zero, killedAt)}. Gap: {load.Summary(killedAt, gapEnd)}. Without a replica: {load.Summary(gapEnd, replicaAt)}. After: {load.Summary(replicaAt, load.Now)}."));
        Assert.Empty(load.Violations);
        Assert.Empty(stillAccepted);
        Assert.NotNull(servesAgainAt);
        Assert.InRange(servesAgainAt.Value - killedAt, TimeSpan.Zero, ServesAgainBound);
        Assert.NotNull(logoutsAgainAt);
        Assert.NotEqual(oldPrimary, newPrimary);
        Assert.DoesNotContain(load.Answers, static a => a.Status == HttpStatusCode.InternalServerError);
        Assert.True(load.Revoked.Values.Any(t => t < killedAt) && load.Revoked.Values.Any(t => t > inSyncAt), "logouts were acknowledged before and after the failover");
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan bound)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < bound)
        {
            await Task.Delay(50, Ct);
        }
    }
}
