using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// The provider's clients for these tests (set once per run, the default client kept as it was plus
/// back-channel logout) and a direct code flow to obtain genuine ID tokens for other clients or nonces.
/// </summary>
public static class OidcProviderSetup
{
    public const string SecondClientId = "atotiauth-second";
    public const string SecondClientSecret = "second-secret";
    public const string OtherClientId = "atotiauth-other";
    public const string OtherClientSecret = "other-secret";
    public const string DirectRedirectUri = "http://127.0.0.1:5000/login/oauth2/code/oidc";
    public const string KeyClientId = "atotiauth-private-key-jwt";

    private static readonly Lazy<(string Path, Dictionary<string, object> PublicJwk)> ClientKey = new(CreateClientKey);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static int _configuredPort;

    /// <summary>The port every identity host of these tests listens on, so the provider's back-channel logout URI is fixed.</summary>
    public static int HostPort { get; } = FreePort.Next();

    public static async Task EnsureClientsAsync(OidcProviderFixture oidc)
    {
        oidc.EnsureAvailable();
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_configuredPort == HostPort)
            {
                return;
            }

            await oidc.ConfigureAsync(new
            {
                accounts = Accounts(),
                clients = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["client_id"] = OidcProviderFixture.ClientId,
                        ["client_secret"] = OidcProviderFixture.ClientSecret,
                        ["application_type"] = "native",
                        ["redirect_uris"] = new List<string> { "http://localhost:5000/login/oauth2/code/oidc", DirectRedirectUri, "http://127.0.0.1:5000/login/oauth2/code/rp" },
                        ["post_logout_redirect_uris"] = new List<string> { "http://localhost:5000/", "http://127.0.0.1:5000/", $"http://127.0.0.1:{HostPort}/login" },
                        ["grant_types"] = new List<string> { "authorization_code", "refresh_token", "client_credentials" },
                        ["response_types"] = new List<string> { "code" },
                        ["token_endpoint_auth_method"] = "client_secret_basic",
                        ["backchannel_logout_uri"] = $"http://{OidcProviderFixture.HostAlias}:{HostPort}/oauth2/backchannel-logout/oidc",
                        ["backchannel_logout_session_required"] = true,
                    },
                    new Dictionary<string, object>
                    {
                        ["client_id"] = SecondClientId,
                        ["client_secret"] = SecondClientSecret,
                        ["application_type"] = "native",
                        ["redirect_uris"] = new List<string> { "http://127.0.0.1:5000/login/oauth2/code/google", "http://127.0.0.1:5000/login/oauth2/code/keycloak" },
                        ["grant_types"] = new List<string> { "authorization_code" },
                        ["response_types"] = new List<string> { "code" },
                        ["token_endpoint_auth_method"] = "client_secret_post",
                    },
                    new Dictionary<string, object>
                    {
                        ["client_id"] = OtherClientId,
                        ["client_secret"] = OtherClientSecret,
                        ["application_type"] = "native",
                        ["redirect_uris"] = new List<string> { DirectRedirectUri },
                        ["grant_types"] = new List<string> { "authorization_code" },
                        ["response_types"] = new List<string> { "code" },
                        ["token_endpoint_auth_method"] = "client_secret_basic",
                    },
                    new Dictionary<string, object>
                    {
                        ["client_id"] = KeyClientId,
                        ["application_type"] = "native",
                        ["redirect_uris"] = new List<string> { "http://127.0.0.1:5000/login/oauth2/code/keyjwt" },
                        ["grant_types"] = new List<string> { "authorization_code" },
                        ["response_types"] = new List<string> { "code" },
                        ["token_endpoint_auth_method"] = "private_key_jwt",
                        ["token_endpoint_auth_signing_alg"] = "RS256",
                        ["jwks"] = new Dictionary<string, object> { ["keys"] = new List<object> { ClientKey.Value.PublicJwk } },
                    },
                },
            }, TestContext.Current.CancellationToken);
            _configuredPort = HostPort;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The provider's default accounts (tests/containers/oidc/server.mjs: alice, bob, admin), and the
    /// attackers of issue 22: <c>mallory</c> signed up with the admin's e-mail address, unverified; <c>eve</c>
    /// chose the basic admin's name (<c>root</c>) as <c>preferred_username</c>; <c>mapkey</c> chose a role-mapping key.
    /// </summary>
    private static Dictionary<string, object> Accounts()
    {
        static Dictionary<string, object> Account(string email, bool verified, string name, string preferred, string[] roles) => new()
        {
            ["email"] = email,
            ["email_verified"] = verified,
            ["name"] = name,
            ["preferred_username"] = preferred,
            ["https://example.com/roles"] = roles,
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles },
        };

        return new Dictionary<string, object>
        {
            ["alice"] = Account("alice@example.com", true, "Alice Liddell", "alice", ["ROLE_ATOTI_USER"]),
            ["bob"] = Account("bob@example.com", true, "Bob Builder", "bob", []),
            ["admin"] = Account("admin@example.com", true, "Ada Admin", "admin", ["ROLE_ATOTI_ADMIN"]),
            ["mallory"] = Account("admin@example.com", false, "Mallory", "mallory", []),
            ["eve"] = Account("eve@example.com", true, "Eve", "root", []),
            ["mapkey"] = Account("mapkey@example.com", true, "Map Key", "ROLE_ATOTI_ADMIN", []),
        };
    }

    /// <summary>The PEM file of <see cref="KeyClientId"/>'s private key (made once per run; its public JWK is registered).</summary>
    public static string KeyClientKeyFile => ClientKey.Value.Path;

    private static (string Path, Dictionary<string, object> PublicJwk) CreateClientKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(Path.GetTempPath(), $"atotiauth-client-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        var parameters = rsa.ExportParameters(false);
        var n = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.Modulus);
        var e = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.Exponent);

        // RFC 7638 §3: the thumbprint hashes the required members in lexicographic order, no spaces.
        var thumbprint = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));
        return (path, new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = n, ["e"] = e, ["kid"] = thumbprint, ["use"] = "sig", ["alg"] = "RS256" });
    }

    /// <summary>A genuine ID token for <paramref name="clientId"/> with <paramref name="nonce"/>, by a code flow driven directly.</summary>
    public static async Task<string> IdTokenAsync(OidcProviderFixture oidc, string clientId, string secret, string nonce)
    {
        using var browser = new OidcBrowser();
        var verifier = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var query = string.Join('&',
            "client_id=" + clientId, "response_type=code", "scope=openid%20email", "redirect_uri=" + Uri.EscapeDataString(DirectRedirectUri),
            "code_challenge=" + challenge, "code_challenge_method=S256", "state=direct", "nonce=" + nonce);
        bool AtRedirect(Uri u) => u.ToString().StartsWith(DirectRedirectUri, StringComparison.Ordinal);
        var page = await browser.NavigateAsync(new Uri(oidc.Issuer, "/auth?" + query), AtRedirect);
        if (page.NextUrl is null)
        {
            page = await browser.SubmitProviderLoginAsync(page, "alice", AtRedirect);
        }

        var code = System.Web.HttpUtility.ParseQueryString(page.NextUrl!.Query)["code"]!;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(oidc.Issuer, "/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = DirectRedirectUri, ["code_verifier"] = verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!;
    }
}
