using System.Net;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>Waits until the gateway serves every public host, each service behind it answering.</summary>
internal sealed class SystemProbe(Gateway gateway)
{
    public async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var client = gateway.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15);
        Uri[] probes =
        [
            new(gateway.Auth, "/.well-known/openid-configuration"),
            new(gateway.Auth, "/login"),
            new(gateway.Idp, "/.well-known/openid-configuration"),
            new(gateway.Ui, "/env.js"),
            .. Topology.Cubes.Select(cube => new Uri(gateway.Cube(cube.Cube), "/healthz")),
        ];
        foreach (var probe in probes)
        {
            await WaitForOkAsync(client, probe, cancellationToken);
        }
    }

    private static async Task WaitForOkAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        var last = "no answer";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(uri, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
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
                throw new TimeoutException($"{uri} never answered 200 through the gateway (last: {last}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }
    }
}
