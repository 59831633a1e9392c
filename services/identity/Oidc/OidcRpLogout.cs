using System.Security.Cryptography;
using AtotiAuth.Identity.Logout;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// OpenID Connect RP-Initiated Logout 1.0: after <c>/logout</c> has revoked a session created by a
/// provider with <see cref="OidcProviderOptions.RpInitiatedLogout"/>, the browser goes on to the
/// provider's <c>end_session_endpoint</c> (§2) with <c>id_token_hint</c>, <c>client_id</c>,
/// <c>post_logout_redirect_uri</c> and <c>state</c>, and comes back to the allowed redirect or our
/// <c>/login</c> (either must be registered at the provider, §3). Without the endpoint, or with the
/// provider unreachable, the logout ends here as usual: our session is revoked either way.
/// </summary>
internal sealed partial class OidcRpLogout(
    IOptions<OidcOptions> oidc,
    IOptionsMonitor<OpenIdConnectOptions> schemes,
    OidcSessionIndex index,
    ILogger<OidcRpLogout> logger) : IProviderLogout
{
    public async Task<string?> RedirectAsync(HttpContext context, Session session, string target)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var providerId = ProviderIds.OidcProviderId(session.Provider);
        if (providerId is null || !oidc.Value.Providers.TryGetValue(providerId, out var provider) || !provider.RpInitiatedLogout)
        {
            return null;
        }

        var options = schemes.Get(OidcSchemes.For(providerId));
        string? endSession;
        try
        {
            var configuration = options.Configuration ?? await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
            endSession = configuration.EndSessionEndpoint;
        }
        catch (Exception ex) when (OidcFailurePages.Classify(ex) == IdentityProblems.ProviderUnavailable)
        {
            LogProviderUnavailable(logger, providerId, ex.GetType().Name);
            return null;
        }

        if (string.IsNullOrEmpty(endSession))
        {
            return null;
        }

        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["client_id"] = provider.ClientId,
            ["post_logout_redirect_uri"] = PostLogoutRedirectUri(context, target),
            ["state"] = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        };

        // §2: RECOMMENDED; without it a provider may ask the user to confirm (or refuse the redirect URI).
        if (await index.FindIdTokenAsync(session.Id, context.RequestAborted) is { } idToken)
        {
            parameters["id_token_hint"] = idToken;
        }

        LogRedirected(logger, session.Id, session.Provider);
        return QueryHelpers.AddQueryString(endSession, parameters);
    }

    /// <summary>An absolute target (already checked against the allowed origins) as is; otherwise our own <c>/login</c>.</summary>
    private string PostLogoutRedirectUri(HttpContext context, string target)
    {
        if (target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        var publicBase = oidc.Value.PublicBaseUrl;
        var origin = string.IsNullOrEmpty(publicBase) ? $"{context.Request.Scheme}://{context.Request.Host}" : publicBase.TrimEnd('/');
        return origin + "/login";
    }

    [LoggerMessage(EventId = 4450, Level = LogLevel.Information, Message = "Session {SessionId} ended; browser sent to provider {Provider} to end its session")]
    private static partial void LogRedirected(ILogger logger, string sessionId, string provider);

    [LoggerMessage(EventId = 4451, Level = LogLevel.Warning, Message = "Provider {Provider} unreachable at logout (provider_unavailable): {FailureType}; only our session was ended")]
    private static partial void LogProviderUnavailable(ILogger logger, string provider, string failureType);
}
