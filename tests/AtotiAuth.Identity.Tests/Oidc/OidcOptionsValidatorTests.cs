using AtotiAuth.Identity.Oidc;

namespace AtotiAuth.Identity.Tests.Oidc;

public sealed class OidcOptionsValidatorTests
{
    [Fact]
    public void Validate_CompleteHttpsProvider_Succeeds()
    {
        var result = new OidcOptionsValidator().Validate(null, Options(Provider()));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("issuer-http", "plain HTTP")]
    [InlineData("issuer-missing", "IssuerUrl")]
    [InlineData("issuer-query", "without query")]
    [InlineData("client-id", "ClientId")]
    [InlineData("secret", "ClientSecret")]
    [InlineData("scopes-no-openid", "must include 'openid'")]
    [InlineData("name-claim", "NameClaim")]
    [InlineData("roles-claim-empty", "RolesClaims")]
    [InlineData("provider-id", "provider id")]
    [InlineData("base-url-path", "without a path")]
    [InlineData("proxy", "not an IP address")]
    [InlineData("network", "CIDR")]
    public void Validate_BadSetting_FailsNamingTheKey(string case_, string expected)
    {
        var provider = Provider();
        var id = "corp";
        var options = new OidcOptions();
        switch (case_)
        {
            case "issuer-http": provider.IssuerUrl = "http://idp.example.com"; break;
            case "issuer-missing": provider.IssuerUrl = null; break;
            case "issuer-query": provider.IssuerUrl = "https://idp.example.com/?x=1"; break;
            case "client-id": provider.ClientId = " "; break;
            case "secret": provider.ClientSecret = null; break;
            case "scopes-no-openid": provider.Scopes.Add("email"); break;
            case "name-claim": provider.NameClaim = ""; break;
            case "roles-claim-empty": provider.RolesClaims.Add(" "); break;
            case "provider-id": id = "a/b"; break;
            case "base-url-path": options.PublicBaseUrl = "https://auth.example.com/sub"; break;
            case "proxy": options.KnownProxies.Add("not-an-ip"); break;
            case "network": options.KnownNetworks.Add("10.0.0.0"); break;
            default: throw new ArgumentOutOfRangeException(nameof(case_));
        }

        options.Providers[id] = provider;

        var result = new OidcOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AtotiAuth:Identity:Oidc", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpIssuerWithDevelopmentFlag_Succeeds()
    {
        var provider = Provider();
        provider.IssuerUrl = "http://127.0.0.1:3000";
        var options = Options(provider);
        options.AllowInsecureHttp = true;

        Assert.True(new OidcOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("missing", "is required: the path of the client's private key")]
    [InlineData("unreadable", "cannot be read")]
    [InlineData("not-a-key", "no unencrypted RSA")]
    [InlineData("rsa-1024", "no unencrypted RSA")]
    [InlineData("ec-p384", "no unencrypted RSA")]
    public void Validate_PrivateKeyJwtBadKey_FailsNamingTheKey(string case_, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"oidc-key-{Guid.NewGuid():N}.pem");
        try
        {
            switch (case_)
            {
                case "not-a-key": File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"); break;
                case "rsa-1024": File.WriteAllText(path, System.Security.Cryptography.RSA.Create(1024).ExportPkcs8PrivateKeyPem()); break;
                case "ec-p384": File.WriteAllText(path, System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384).ExportPkcs8PrivateKeyPem()); break;
                default: break;
            }

            var provider = Provider();
            provider.ClientSecret = null;
            provider.ClientAuthentication = OidcClientAuthentication.PrivateKeyJwt;
            provider.ClientKeyFile = case_ == "missing" ? null : path;

            var result = new OidcOptionsValidator().Validate(null, Options(provider));

            Assert.True(result.Failed);
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("AtotiAuth:Identity:Oidc:Providers:corp:ClientKeyFile", result.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public void Validate_PrivateKeyJwtUsableKeyWithoutSecret_Succeeds(string kind)
    {
        var path = Path.Combine(Path.GetTempPath(), $"oidc-key-{Guid.NewGuid():N}.pem");
        try
        {
            File.WriteAllText(path, kind == "rsa"
                ? System.Security.Cryptography.RSA.Create(2048).ExportPkcs8PrivateKeyPem()
                : System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportECPrivateKeyPem());
            var provider = Provider();
            provider.ClientSecret = null;
            provider.ClientAuthentication = OidcClientAuthentication.PrivateKeyJwt;
            provider.ClientKeyFile = path;

            var result = new OidcOptionsValidator().Validate(null, Options(provider));

            Assert.True(result.Succeeded, result.FailureMessage);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static OidcOptions Options(OidcProviderOptions provider)
    {
        var options = new OidcOptions();
        options.Providers["corp"] = provider;
        return options;
    }

    private static OidcProviderOptions Provider()
    {
        var provider = new OidcProviderOptions { IssuerUrl = "https://idp.example.com", ClientId = "atoti", ClientSecret = "s3cret" };
        provider.RolesClaims.Add("https://example.com/roles");
        return provider;
    }
}
