using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Infrastructure;

public sealed class OidcProviderFixtureTests(OidcProviderFixture oidc)
{
    [Fact]
    public async Task Discovery_Requested_NamesTheIssuerAndCodeFlow()
    {
        oidc.EnsureAvailable();
        using var http = new HttpClient();

        var discovery = await http.GetFromJsonAsync<Discovery>(
            new Uri(oidc.Issuer, "/.well-known/openid-configuration"), TestContext.Current.CancellationToken);

        Assert.Equal(oidc.Issuer.ToString().TrimEnd('/'), discovery!.Issuer);
        Assert.Contains("code", discovery.ResponseTypes);
        Assert.Contains("S256", discovery.CodeChallengeMethods);
    }

    [Fact]
    public async Task Authorize_CodeFlowWithPkce_RedirectsToTheLoginInteraction()
    {
        oidc.EnsureAvailable();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes("a-verifier-of-enough-length-0123456789abcdef")));
        var query = string.Join('&',
            "client_id=" + OidcProviderFixture.ClientId,
            "response_type=code",
            "scope=openid",
            "redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1:5000/login/oauth2/code/oidc"),
            "code_challenge=" + challenge,
            "code_challenge_method=S256",
            "state=s-" + Guid.NewGuid().ToString("N"),
            "nonce=n-" + Guid.NewGuid().ToString("N"));

        using var response = await http.GetAsync(new Uri(oidc.Issuer, "/auth?" + query), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther, $"status {response.StatusCode}");
        Assert.StartsWith("/interaction/", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Discovery(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("response_types_supported")] string[] ResponseTypes,
        [property: JsonPropertyName("code_challenge_methods_supported")] string[] CodeChallengeMethods);
}
