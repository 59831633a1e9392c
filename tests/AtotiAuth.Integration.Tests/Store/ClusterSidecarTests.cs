using System.Diagnostics;
using System.Net;
using AtotiAuth.Integration.Tests.Ping;
using AtotiAuth.Ping;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Store;

/// <summary>
/// The token service and three sidecars on a Redis Cluster (three primaries, a replica each): a session's
/// keys sit on several nodes, the revocation reaches every sidecar through the cluster's pub/sub (issue 21).
/// </summary>
public sealed class ClusterSidecarTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task Revoked_OnCluster_RefusedByEverySidecarWithinTwoSeconds()
    {
        cluster.EnsureAvailable();
        await using var deployment = PingDeployment.Start(cluster.ConnectionString);
        var login = await deployment.LoginAsync("zoe", ["ROLE_USER"]);
        var kept = await deployment.LoginAsync("zoe", ["ROLE_USER"]);
        KestrelHost<PingServiceMarker>[] sidecars = [deployment.Risk, deployment.RiskReplica, deployment.Pnl];
        using var http = PingDeployment.Client();
        foreach (var sidecar in sidecars)
        {
            using var ping = await SidecarCalls.PingAsync(http, sidecar, $"Bearer {login.Token}");
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        await deployment.RevokeAsync(login.SessionId);

        foreach (var sidecar in sidecars)
        {
            var clock = Stopwatch.StartNew();
            HttpStatusCode status;
            do
            {
                using var ping = await SidecarCalls.PingAsync(http, sidecar, $"Bearer {login.Token}");
                status = ping.StatusCode;
            }
            while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(2));

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            using var other = await SidecarCalls.PingAsync(http, sidecar, $"Bearer {kept.Token}");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
    }
}
