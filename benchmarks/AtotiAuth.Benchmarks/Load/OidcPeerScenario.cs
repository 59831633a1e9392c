using System.Net;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// A peer for <c>GET /jwt</c>: the oidc-provider test image's token endpoint, client credentials with
/// HTTP Basic (POST /token), driven by the same wrk settings in the same run.
/// </summary>
internal static class OidcPeerScenario
{
    private const string Image = "atotiauth/test-oidc:dev";

    public static async Task RunAsync(LoadRun run, LoadResult jwt)
    {
        if (string.IsNullOrWhiteSpace(await DockerCli.RunAsync($"images -q {Image}", allowFailure: true)))
        {
            run.Notes.Add($"OIDC peer not measured: the image {Image} is missing (scripts/build-test-images.sh oidc).");
            return;
        }

        var port = Ports.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}");
        var id = (await DockerCli.RunAsync($"run -d --rm -p 127.0.0.1:{port}:3000 -e ISSUER={issuer.ToString().TrimEnd('/')} {Image}")).Trim();
        try
        {
            await WaitAsync(new Uri(issuer, "/.well-known/openid-configuration"));
            var token = await run.MeasureAsync("POST /token at oidc-provider (peer; client_credentials, Basic)", new WrkRequest(
                new Uri(issuer, "/token"),
                new Dictionary<string, string> { ["Authorization"] = BenchHttp.Basic("atotiauth", "atotiauth-secret").ToString() },
                Method: "POST",
                Body: "grant_type=client_credentials",
                ContentType: "application/x-www-form-urlencoded"), server: null);
            var ratio = jwt.RequestsPerSecond / token.RequestsPerSecond;
            run.Target("GET /jwt vs the oidc-provider peer", ">= 5x the peer's token endpoint", FormattableString.Invariant($"{ratio:F1}x"), ratio >= 5);
            run.Notes.Add("The oidc-provider peer (Node.js 18, in a container reached through Docker's loopback port publishing) issues an opaque access token for client credentials (no resource indicator configured): no signature, one in-memory store write. `/jwt` signs RS512 with a 3072-bit key unless its per-session token cache answers.");
        }
        finally
        {
            await DockerCli.RunAsync($"rm -f {id}", allowFailure: true);
        }
    }

    private static async Task WaitAsync(Uri url)
    {
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var response = await BenchHttp.Client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("oidc-provider did not answer.");
    }
}
