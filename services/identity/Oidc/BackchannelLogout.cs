using System.Text.Json;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0 §2.6: the logout token is validated (signature by the
/// provider's JWKS, <c>iss</c>, <c>aud</c>, recent <c>iat</c>, <c>typ</c> when present, the logout
/// event, no <c>nonce</c>, <c>sid</c> or <c>sub</c>, a <c>jti</c> used once), then the sessions it names
/// are revoked in the store, so every sidecar refuses their tokens.
/// </summary>
internal sealed partial class BackchannelLogout(
    IOptions<OidcOptions> oidc,
    IOptionsMonitor<OpenIdConnectOptions> schemes,
    IEphemeralStore store,
    OidcSessionIndex index,
    ISessionStore sessions,
    TimeProvider time,
    ILogger<BackchannelLogout> logger)
{
    private const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Null when the token was accepted (and its sessions revoked); otherwise the refusal's code.</summary>
    public async Task<string?> HandleAsync(string providerId, string? logoutToken, CancellationToken cancellationToken)
    {
        if (!oidc.Value.Providers.ContainsKey(providerId))
        {
            return Refuse(providerId, IdentityProblems.UnknownProvider, "no such provider");
        }

        if (string.IsNullOrEmpty(logoutToken))
        {
            return Refuse(providerId, IdentityProblems.InvalidLogoutToken, "no logout_token");
        }

        var scheme = schemes.Get(OidcSchemes.For(providerId));
        TokenValidationResult result;
        try
        {
            result = await ValidateSignatureAsync(scheme, logoutToken, cancellationToken);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The provider may have rotated its keys since we last read them.
                scheme.ConfigurationManager!.RequestRefresh();
                result = await ValidateSignatureAsync(scheme, logoutToken, cancellationToken);
            }
        }
        catch (Exception ex) when (OidcFailurePages.Classify(ex) == IdentityProblems.ProviderUnavailable)
        {
            return Refuse(providerId, IdentityProblems.ProviderUnavailable, "keys unavailable");
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return Refuse(providerId, IdentityProblems.InvalidLogoutToken, result.Exception?.GetType().Name ?? "invalid");
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        var claims = payload.RootElement;
        var problem = CheckClaims(token, claims);
        if (problem is not null)
        {
            return Refuse(providerId, IdentityProblems.InvalidLogoutToken, problem);
        }

        var jti = ClaimPath.ReadString(claims, "jti")!;
        var maxAge = oidc.Value.LogoutTokenMaxAge;
        if (!await store.TryMarkAsync($"oidc-jti:{providerId}:{jti}", maxAge + ClockSkew + ClockSkew, cancellationToken))
        {
            return Refuse(providerId, IdentityProblems.LogoutTokenReplayed, "jti already used");
        }

        var sid = ClaimPath.ReadString(claims, "sid");
        var sub = ClaimPath.ReadString(claims, "sub");
        var revoked = 0;
        foreach (var sessionId in await index.FindAsync(providerId, sid, sub, cancellationToken))
        {
            if (await sessions.RevokeAsync(sessionId, cancellationToken))
            {
                revoked++;
            }
        }

        LogAccepted(logger, providerId, revoked);
        return null;
    }

    private static async Task<TokenValidationResult> ValidateSignatureAsync(OpenIdConnectOptions scheme, string logoutToken, CancellationToken cancellationToken)
    {
        var configuration = await scheme.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = scheme.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,

            // exp is optional in a logout token and iat is checked below against the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        return await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken, parameters);
    }

    /// <summary>The claim rules of §2.4 and §2.6; a reason (for the log) when one fails.</summary>
    private string? CheckClaims(JsonWebToken token, JsonElement claims)
    {
        if (!string.IsNullOrEmpty(token.Typ)
            && !string.Equals(token.Typ, "logout+jwt", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(token.Typ, "application/logout+jwt", StringComparison.OrdinalIgnoreCase))
        {
            return "typ is not logout+jwt";
        }

        var now = time.GetUtcNow();
        if (!claims.TryGetProperty("iat", out var iat) || !iat.TryGetInt64(out var issuedAt))
        {
            return "no iat";
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(issuedAt);
        if (issued > now + ClockSkew || now - issued > oidc.Value.LogoutTokenMaxAge + ClockSkew)
        {
            return "iat not recent";
        }

        if (claims.TryGetProperty("exp", out var exp) && (!exp.TryGetInt64(out var expires) || DateTimeOffset.FromUnixTimeSeconds(expires) < now - ClockSkew))
        {
            return "expired";
        }

        if (!claims.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(LogoutEvent, out var logoutEvent) || logoutEvent.ValueKind != JsonValueKind.Object)
        {
            return "no back-channel logout event";
        }

        if (claims.TryGetProperty("nonce", out _))
        {
            return "nonce present (an ID token?)";
        }

        if (ClaimPath.ReadString(claims, "sid") is null && ClaimPath.ReadString(claims, "sub") is null)
        {
            return "neither sid nor sub";
        }

        return string.IsNullOrEmpty(ClaimPath.ReadString(claims, "jti")) ? "no jti" : null;
    }

    private string Refuse(string providerId, ProblemCode refusal, string reason)
    {
        LogRefused(logger, refusal.Code, providerId, reason);
        return refusal.Code;
    }

    [LoggerMessage(EventId = 4420, Level = LogLevel.Information, Message = "Back-channel logout from provider {Provider}: {RevokedCount} sessions revoked")]
    private static partial void LogAccepted(ILogger logger, string provider, int revokedCount);

    [LoggerMessage(EventId = 4421, Level = LogLevel.Information, Message = "Back-channel logout refused ({Code}) from provider {Provider}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string code, LogText provider, string reason);
}
