using System.Net;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>Waits until the gateway serves every public host, each service behind it answering.</summary>
internal sealed class SystemProbe(Gateway gateway)
{
    public async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var client = gateway.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        (Uri, HttpStatusCode)[] probes =
        [
            (new(gateway.Auth, "/.well-known/openid-configuration"), HttpStatusCode.OK),
            // Kerberos is on: the login page comes with a 401 that offers Negotiate (docs/kerberos.md).
            (new(gateway.Auth, "/login"), HttpStatusCode.Unauthorized),
            (new(gateway.Idp, "/.well-known/openid-configuration"), HttpStatusCode.OK),
            (new(gateway.Ui, "/env.js"), HttpStatusCode.OK),
            .. Topology.Cubes.Select(cube => (new Uri(gateway.Cube(cube.Cube), "/healthz"), HttpStatusCode.OK)),
        ];
        foreach (var (probe, expected) in probes)
        {
            await WaitForAsync(client, probe, expected, cancellationToken);
        }
    }

    private static async Task WaitForAsync(HttpClient client, Uri uri, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var last = "no answer";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(uri, cancellationToken);
                if (response.StatusCode == expected)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{uri} never answered {(int)expected} through the gateway (last: {last}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }
    }
}
