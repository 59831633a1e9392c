using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Configures the OpenID Connect handler of each provider's scheme: authorization code flow with PKCE
/// (S256), <c>state</c> and <c>nonce</c> (ASP.NET Core's <c>OpenIdConnectHandler</c>), the response in
/// the query so the flow cookies can be <c>SameSite=Lax</c> (a top-level GET back from the provider
/// carries them, a cross-site POST would need <c>None</c>), and the backchannel from the named
/// <see cref="HttpClientName"/>, so a host can add handlers.
/// </summary>
internal sealed class OidcSchemeSetup(IOptions<OidcOptions> oidc, IHttpMessageHandlerFactory handlers) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public const string HttpClientName = "AtotiAuth.Oidc";

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providerId = OidcSchemes.ProviderId(name ?? "");
        if (!oidc.Value.Providers.TryGetValue(providerId, out var provider))
        {
            return;
        }

        var insecure = oidc.Value.AllowInsecureHttp;
        options.Authority = provider.IssuerUrl;
        options.RequireHttpsMetadata = !insecure;
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;

        // Pushed authorization requests (RFC 9126) would authenticate with the secret in the body only,
        // which client_secret_basic and certificate clients cannot; the code flow with PKCE, state and
        // nonce does not need them.
        options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        options.CallbackPath = OidcSchemes.CallbackPath(providerId);
        options.Scope.Clear();
        foreach (var scope in provider.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }

        options.GetClaimsFromUserInfoEndpoint = provider.AccessTokenFormat == OidcAccessTokenFormat.Opaque;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.DisableTelemetry = true;
        options.RemoteAuthenticationTimeout = oidc.Value.FlowTimeout;
        options.EventsType = typeof(OidcEvents);
        options.BackchannelHttpHandler = handlers.CreateHandler(HttpClientName);
        options.BackchannelTimeout = TimeSpan.FromSeconds(10);

        // The handler's own validation: signature from the provider's JWKS, iss, aud, exp, nonce.
        options.TokenValidationParameters.ValidateIssuer = true;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.RequireSignedTokens = true;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        options.TokenValidationParameters.NameClaimType = provider.NameClaim;

        var secure = insecure ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = secure;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = secure;
    }
}
