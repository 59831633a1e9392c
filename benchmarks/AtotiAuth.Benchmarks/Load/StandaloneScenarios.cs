namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// The standalone host (identity and token in one process, services/standalone) as a user runs it:
/// once with its embedded in-memory store, once on the run's Redis. <c>GET /jwt</c> and the login page,
/// <c>/jwt</c> against the same constant endpoint, the login page against its floor.
/// </summary>
internal static class StandaloneScenarios
{
    public const string Section = "standalone";

    public static async Task RunAsync(LoadRun run)
    {
        foreach (var redis in new[] { false, true })
        {
            var store = redis ? "Redis" : "in-memory store";
            await using var host = await StartAsync(run, redis);
            var cookie = await BenchHttp.LoginAsync(host.Url, ServiceStack.UserName, ServiceStack.UserPassword);
            var jwt = await run.MeasureAgainstConstantAsync($"standalone ({store}): GET /jwt (session cookie; RS512 token cached per session)", new WrkRequest(new Uri(host.Url, "/jwt"), GatewayScenarios.Cookie(cookie)), host, 0.50, table: Section);
            run.Target(jwt.Name, "p99 < 10 ms at 32 connections", GatewayScenarios.Ms(jwt.P99Ms), jwt.P99Ms < 10);
            run.FloorTarget(await run.MeasureAsync($"standalone ({store}): GET /login (form page)", new WrkRequest(new Uri(host.Url, "/login")), host, table: Section), IdentityScenarios.LoginPageFloor);
        }
    }

    private static Task<ServiceProcess> StartAsync(LoadRun run, bool redis)
    {
        var port = Ports.Next();
        var environment = new Dictionary<string, string>
        {
            ["AtotiAuth__Token__Issuer"] = $"http://127.0.0.1:{port}",
            ["AtotiAuth__Identity__Cookie__Secure"] = "false",
            ["AtotiAuth__Identity__Users__0__Name"] = ServiceStack.UserName,
            ["AtotiAuth__Identity__Users__0__Password"] = ServiceStack.UserPassword,
            ["AtotiAuth__Identity__Users__0__Roles__0"] = "ROLE_USER",
        };
        if (redis)
        {
            environment["AtotiAuth__Store__Redis"] = run.Redis.ConnectionString;
            environment["AtotiAuth__Store__KeyPrefix"] = $"bench-standalone-{Guid.NewGuid():N}:";
        }

        return ServiceProcess.StartAsync(LoadCommand.Built(run.Root, "services/standalone", "AtotiAuth.Standalone"), environment, port: port);
    }
}
