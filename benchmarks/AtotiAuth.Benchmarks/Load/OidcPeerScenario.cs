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
        if (!await DockerCli.HasImageAsync(Image))
        {
            run.Failures.Add($"the oidc-provider peer: the image {Image} is missing (scripts/build-test-images.sh oidc)");
            return;
        }

        // Host networking where the run's Redis has it, so that the peer, like our services, is reached
        // without Docker's userland proxy (its server binds all interfaces; requests go to 127.0.0.1 only).
        var port = Ports.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}");
        var network = run.Redis.HostNetwork ? $"--network host -e PORT={port}" : $"-p 127.0.0.1:{port}:3000";
        var id = await DockerCli.StartContainerAsync("oidc-peer", $"{network} -e ISSUER={issuer.ToString().TrimEnd('/')} {Image}");
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
        }
        finally
        {
            await DockerCli.RunAsync($"rm -f {id}", allowFailure: true);
        }
    }

    private static async Task WaitAsync(Uri url)
    {
        for (var i = 0; i < 300; i++)
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

        throw new InvalidOperationException("oidc-provider did not answer within 60 s.");
    }
}
