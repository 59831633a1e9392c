using AtotiAuth.Benchmarks.Load;

namespace AtotiAuth.Benchmarks.Oidc;

/// <summary>The test OpenID provider (oidc-provider, tests/containers/oidc) on a loopback port, issuer = that URL.</summary>
internal sealed class OidcProviderContainer : IAsyncDisposable
{
    private readonly string _id;

    private OidcProviderContainer(string id, Uri issuer)
    {
        _id = id;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public static async Task<OidcProviderContainer> StartAsync(string image = "atotiauth/test-oidc:dev")
    {
        var port = Ports.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}");
        var id = await DockerCli.StartContainerAsync("oidc", $"-p 127.0.0.1:{port}:3000 -e ISSUER=http://127.0.0.1:{port} {image}");
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(issuer, "/.well-known/openid-configuration"));
                if (response.IsSuccessStatusCode)
                {
                    return new OidcProviderContainer(id, issuer);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await DockerCli.RunAsync($"rm -f {id}", allowFailure: true);
        throw new InvalidOperationException("The OpenID provider did not answer within 60 s.");
    }

    public async ValueTask DisposeAsync() => await DockerCli.RunAsync($"rm -f {_id}", allowFailure: true);
}
