using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>The hot paths every UI request crosses: <c>GET /jwt</c>, the sidecar's ping, and a proxied GET.</summary>
internal static class GatewayScenarios
{
    public static async Task RunAsync(LoadRun run, ServiceStack stack)
    {
        LoadResult? token = null;
        var options = run.Options;
        var cookie = await BenchHttp.LoginAsync(stack.Identity.Url, ServiceStack.UserName, ServiceStack.UserPassword);
        var jwt = await BenchHttp.JwtAsync(stack.Token.Url, cookie);

        if (options.Wants("jwt"))
        {
            token = await run.MeasureAgainstConstantAsync("GET /jwt (session cookie, Redis; RS512 token cached per session)", new WrkRequest(new Uri(stack.Token.Url, "/jwt"), Cookie(cookie)), stack.Token, 0.50);
            run.Target(token.Name, "p99 < 10 ms at 32 connections", Ms(token.P99Ms), token.P99Ms < 10);
        }

        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + jwt };
        var sidecar = stack.Sidecars[0];
        if (options.Wants("ping"))
        {
            var ping = await run.MeasureAgainstConstantAsync("GET /ping (sidecar, Bearer JWT)", new WrkRequest(new Uri(sidecar.Url, "/ping"), bearer), sidecar, 0.70);
            run.Target(ping.Name, "p99 < 10 ms at 32 connections", Ms(ping.P99Ms), ping.P99Ms < 10);
        }

        if (options.Wants("proxied") || options.Wants("websocket"))
        {
            await ProxyPeersScenario.RunAsync(run, stack, jwt);
        }

        // The peer last: the one server here that is not ours (Node.js in a container). After our
        // scenarios, whatever it leaves running once its load stops cannot land on their figures.
        if (token is not null && options.Wants("peer"))
        {
            await OidcPeerScenario.RunAsync(run, token);
        }
    }

    /// <summary>The cube's whoami with the headers the sidecar adds, for the direct side of the proxied comparison.</summary>
    public static WrkRequest DirectWhoAmI(Uri cube, string jwt) => new(new Uri(cube, "/api/whoami"), new Dictionary<string, string>
    {
        ["Authorization"] = "Bearer " + jwt,
        ["X-AtotiAuth-User"] = ServiceStack.UserName,
        ["X-AtotiAuth-Roles"] = "ROLE_USER",
    });

    public static Dictionary<string, string> Cookie(string cookie) => new() { ["Cookie"] = cookie };

    public static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:F2} ms");
}
