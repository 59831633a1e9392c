using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Our own ID token checks on top of the handler's. The handler accepts an unsigned ID token from the
/// token endpoint (OpenID Connect Core §3.1.3.7 allows relying on TLS there), and its nonce check
/// depends on cookies; here a signature by the provider's JWKS (never <c>alg: none</c>), iss, aud, exp
/// and the nonce remembered inside this flow's protected state are all required.
/// </summary>
internal sealed partial class OidcIdTokenCheck(TimeProvider time, ILogger<OidcIdTokenCheck> logger)
{
    private static readonly TimeSpan MinimumFetchInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastFetch = new(StringComparer.Ordinal);

    /// <summary>Null when the ID token passes; otherwise why not (for the log, never shown).</summary>
    public static async Task<string?> CheckAsync(OpenIdConnectOptions options, string idToken, string? expectedNonce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var parameters = options.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.ValidAudience = options.ClientId;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.ConfigurationManager = null;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return result.Exception?.GetType().Name ?? "invalid ID token";
        }

        if (string.Equals(token.Alg, SecurityAlgorithms.None, StringComparison.OrdinalIgnoreCase))
        {
            return "unsigned ID token";
        }

        var nonce = token.TryGetPayloadValue<string>("nonce", out var value) ? value : null;
        return string.IsNullOrEmpty(expectedNonce) || nonce is null || !FixedTimeEquals(nonce, expectedNonce) ? "nonce mismatch" : null;
    }

    /// <summary>
    /// When the ID token names a key the cached JWKS lacks (the provider rotated), refresh the
    /// provider's metadata before the handler validates, so the first login after a rotation succeeds.
    /// </summary>
    public async Task RefreshKeysIfUnknownAsync(OpenIdConnectOptions options, string? idToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(idToken) || options.ConfigurationManager is null)
        {
            return;
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return;
        }

        var configuration = await options.ConfigurationManager.GetConfigurationAsync(cancellationToken);
        if (string.IsNullOrEmpty(token.Kid) || configuration.SigningKeys.Any(k => k.KeyId == token.Kid))
        {
            return;
        }

        // The manager refreshes in the background (IdentityModel 8), too late for this login: the new keys
        // are fetched now and added to the configuration the handler validates with. At most every 10 s.
        options.ConfigurationManager.RequestRefresh();
        var now = time.GetUtcNow();
        var key = configuration.JwksUri ?? "";
        if (_lastFetch.TryGetValue(key, out var last) && now - last < MinimumFetchInterval)
        {
            return;
        }

        _lastFetch[key] = now;
        var keys = new JsonWebKeySet(await options.Backchannel.GetStringAsync(new Uri(configuration.JwksUri!), cancellationToken)).GetSigningKeys();
        lock (configuration.SigningKeys)
        {
            foreach (var signingKey in keys.Where(k => !configuration.SigningKeys.Any(existing => existing.KeyId == k.KeyId)))
            {
                configuration.SigningKeys.Add(signingKey);
            }
        }

        var found = configuration.SigningKeys.Any(k => k.KeyId == token.Kid);
        LogRefreshed(logger, options.ClientId ?? "-", found);
    }

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    [LoggerMessage(EventId = 4440, Level = LogLevel.Information, Message = "Provider keys refreshed for client {ClientId} after an unknown key id; key found: {Found}")]
    private static partial void LogRefreshed(ILogger logger, string clientId, bool found);
}
