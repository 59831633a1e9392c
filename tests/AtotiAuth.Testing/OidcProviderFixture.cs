using System.Net.Http.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testing;

/// <summary>
/// A real OpenID provider (the npm package oidc-provider, tests/containers/oidc). Its issuer is the
/// URL the tests reach it at, so the port is chosen before start. Default client
/// <c>atotiauth</c> / <c>atotiauth-secret</c>; accounts and clients can be changed at run time.
/// </summary>
public sealed class OidcProviderFixture : ContainerFixture
{
    private readonly int _port = FreePort.Next();

    /// <summary>The default client's id.</summary>
    public const string ClientId = "atotiauth";

    /// <summary>The default client's secret.</summary>
    public const string ClientSecret = "atotiauth-secret";

    /// <summary>The name under which the container reaches the Docker host (a service bound on 0.0.0.0 there).</summary>
    public const string HostAlias = "host.docker.internal";

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Issuer => new($"http://127.0.0.1:{_port}");

    /// <inheritdoc />
    protected override string Image => TestImages.OidcProvider;

    /// <summary>Changes the provider's settings (clients, accounts, claims…) through its test endpoint.</summary>
    public async Task ConfigureAsync(object settings, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(Issuer, "/__test/config"), settings, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Adds a new signing key (the old ones stay published) and returns its kid.</summary>
    public async Task<string> RotateKeysAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Issuer, "/__test/rotate-keys"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<RotateResponse>(cancellationToken);
        return body!.Kid;
    }

    /// <inheritdoc />
    protected override IContainer Build() => new ContainerBuilder(Image)
        .WithPortBinding(_port, 3000)
        .WithEnvironment("ISSUER", Issuer.ToString().TrimEnd('/'))
        // Lets the provider call a service on the host (back-channel logout): http://host.docker.internal:<port>.
        .WithExtraHost(HostAlias, "host-gateway")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("oidc-provider listening"))
        .Build();

    private sealed record RotateResponse(string Kid);
}
