using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// What the revocation guarantee costs a logout (issue 21): the run's Redis given a replica (host
/// networking, in sync before the loops), and two identity services on it, one answering a logout once
/// the revocation is on the primary (<c>RevocationReplicas=0</c>), one once the replica acknowledged it
/// too (<c>WAIT 1</c> on a connection of its own, <c>RevocationReplicas=1</c>). The same loop spends
/// fresh sessions at each, one logout at a time (a logout's own latency, not a queue's), alternating
/// between the two over four rounds; the added latency is the difference of the means.
/// </summary>
internal static class LogoutReplicationScenario
{
    private const int Rounds = 4;

    public static async Task RunAsync(LoadRun run)
    {
        if (!run.Redis.HostNetwork)
        {
            run.AddSection("load", "Logout with a replica: not measured (the run's Redis is not on the host's network, so a replica container cannot reach it).");
            return;
        }

        var replicaPort = Ports.Next();
        var replica = await DockerCli.StartContainerAsync("redis-replica", $"--network host {RedisContainer.Image} " +
            $"redis-server --bind 127.0.0.1 --port {replicaPort} --protected-mode no --save \"\" --appendonly no --loglevel warning --replicaof 127.0.0.1 {run.Redis.Port}");
        try
        {
            await WaitInSyncAsync(replica, replicaPort);
            await using var primaryOnly = await StartIdentityAsync(run, replicas: 0);
            await using var withReplica = await StartIdentityAsync(run, replicas: 1);
            var count = run.Quick ? 300 : 1_500;
            Console.WriteLine("load: warm-up of both identity services (logouts)");
            await LogoutScenario.LogoutAsync(primaryOnly, await LogoutScenario.CreateSessionsAsync(run, count), concurrency: 1);
            await LogoutScenario.LogoutAsync(withReplica, await LogoutScenario.CreateSessionsAsync(run, count), concurrency: 1);

            var rows = new List<(string Name, ClientLoop.Outcome Outcome)>();
            for (var round = 1; round <= Rounds; round++)
            {
                var primaryFirst = round % 2 == 1;
                foreach (var (name, identity) in primaryFirst
                    ? new[] { (PrimaryOnly, primaryOnly), (WithReplica, withReplica) }
                    : new[] { (WithReplica, withReplica), (PrimaryOnly, primaryOnly) })
                {
                    Console.WriteLine($"load: POST /logout, {name}, round {round}");
                    var cookies = await LogoutScenario.CreateSessionsAsync(run, count);
                    rows.Add(($"{name}, round {round}", await LogoutScenario.LogoutAsync(identity, cookies, concurrency: 1)));
                }
            }

            Report(run, rows, count);
        }
        finally
        {
            await DockerCli.RunAsync($"rm -f {replica}", allowFailure: true);
        }
    }

    private const string PrimaryOnly = "revocation on the primary (RevocationReplicas=0)";
    private const string WithReplica = "revocation on a replica too (WAIT 1, RevocationReplicas=1)";

    private static void Report(LoadRun run, List<(string Name, ClientLoop.Outcome Outcome)> rows, int count)
    {
        var inv = CultureInfo.InvariantCulture;
        double Mean(bool replicated, Func<ClientLoop.Outcome, double> value) =>
            rows.Where(r => r.Name.StartsWith(WithReplica, StringComparison.Ordinal) == replicated).Average(r => value(r.Outcome));
        var p50 = Mean(true, static o => o.Latency.P50Ms) - Mean(false, static o => o.Latency.P50Ms);
        var p99 = Mean(true, static o => o.Latency.P99Ms) - Mean(false, static o => o.Latency.P99Ms);
        run.AddSection("load", string.Join('\n',
            [
                $"Logout with a replica (issue 21): the run's Redis with one replica on the same loopback, two identity services on it, {count} `POST /logout` each per round, one at a time, through the .NET client loop, the two alternating over {Rounds} rounds:",
                string.Empty,
                "| logout | requests/s | p50 ms | p99 ms | max ms | failed |",
                "|---|---:|---:|---:|---:|---:|",
                .. rows.Select(r => string.Create(inv, $"| {r.Name} | {r.Outcome.RequestsPerSecond:F0} | {r.Outcome.Latency.P50Ms:F2} | {r.Outcome.Latency.P99Ms:F2} | {r.Outcome.Latency.MaxMs:F2} | {r.Outcome.Failures} |")),
                string.Empty,
                string.Create(inv, $"Added by waiting for the replica (means over the rounds): p50 {p50:+0.00;-0.00} ms, p99 {p99:+0.00;-0.00} ms."),
            ]));
        run.Target("POST /logout, revocation acknowledged by a replica", "added latency measured (p50, p99)", string.Create(inv, $"p50 {p50:+0.00;-0.00} ms, p99 {p99:+0.00;-0.00} ms"), null);
        foreach (var (name, outcome) in rows.Where(static r => r.Outcome.Failures > 0))
        {
            run.Failures.Add($"POST /logout, {name}: {outcome.Failures} unexpected answers");
        }
    }

    private static Task<ServiceProcess> StartIdentityAsync(LoadRun run, int replicas) =>
        ServiceStack.StartServiceAsync(run, "services/identity", "AtotiAuth.Identity", new()
        {
            ["AtotiAuth__Identity__Cookie__Secure"] = "false",
            ["AtotiAuth__Store__RevocationReplicas"] = replicas.ToString(CultureInfo.InvariantCulture),
        });

    private static async Task WaitInSyncAsync(string container, int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await DockerCli.RunAsync($"exec {container} redis-cli -p {port} info replication", allowFailure: true)).Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The replica did not get in sync with the run's Redis.");
    }
}
