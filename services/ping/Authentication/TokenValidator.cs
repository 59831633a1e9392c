using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Ping.Authentication;

/// <summary>
/// Checks a JWT once, with the shared rules and the token service's JWKS (the <c>Bearer</c> JwtBearer
/// settings from <c>AddAtotiAuthJwt</c>), then remembers the result until the token's <c>exp</c>, keyed
/// by the SHA-256 of the token: a collision-resistant key, so no other string can hit a cached entry.
/// Revocation is not cached here; the caller checks it on every request.
/// </summary>
internal sealed partial class TokenValidator : IDisposable
{
    private readonly IOptionsMonitor<JwtBearerOptions> _jwt;
    private readonly TimeProvider _time;
    private readonly ILogger<TokenValidator> _logger;
    private readonly MemoryCache _cache;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public TokenValidator(IOptionsMonitor<JwtBearerOptions> jwt, IOptions<PingOptions> ping, TimeProvider time, ILogger<TokenValidator> logger)
    {
        _jwt = jwt;
        _time = time;
        _logger = logger;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = ping.Value.TokenCacheSize, CompactionPercentage = 0.25 });
    }

    /// <summary>The caller the token names, or why it was refused. Throws nothing for a bad token.</summary>
    public ValueTask<ValidatedToken> ValidateAsync(string token, CancellationToken cancellationToken) =>
        ValidateAsync(token.AsMemory(), cancellationToken);

    /// <summary>
    /// As above, for the token as it sits in the request's header: a cached token costs one SHA-256 of
    /// its characters and no allocation; only a token not seen yet is copied out to be validated.
    /// </summary>
    public async ValueTask<ValidatedToken> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken)
    {
        var key = TokenKey.Of(token.Span);
        if (_cache.TryGetValue(key, out SidecarCaller? cached) && cached!.ExpiresAt > _time.GetUtcNow())
        {
            return ValidatedToken.Valid(cached);
        }

        var result = await ValidateUncachedAsync(token.ToString(), cancellationToken);
        if (result.Caller is { } caller && caller.ExpiresAt > _time.GetUtcNow())
        {
            _cache.Set(key, caller, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = caller.ExpiresAt });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    private async Task<ValidatedToken> ValidateUncachedAsync(string token, CancellationToken cancellationToken)
    {
        if (!_handler.CanReadToken(token))
        {
            return Refuse(PingErrors.InvalidToken, "unreadable");
        }

        var options = _jwt.Get(JwtBearerDefaults.AuthenticationScheme);
        var result = await ValidateWithKeysAsync(token, options, cancellationToken);
        if (result is null)
        {
            return ValidatedToken.Invalid(PingErrors.KeysUnavailable);
        }

        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && options.RefreshOnIssuerKeyNotFound)
        {
            // An unknown kid may be a key published since our last read (DESIGN.md §4, rotation); the
            // configuration manager rate-limits these re-reads (AtotiAuth:Jwt:UnknownKeyRefreshInterval).
            options.ConfigurationManager!.RequestRefresh();
            result = await ValidateWithKeysAsync(token, options, cancellationToken);
            if (result is null)
            {
                return ValidatedToken.Invalid(PingErrors.KeysUnavailable);
            }
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Refuse(PingErrors.InvalidToken, result.Exception?.GetType().Name ?? "invalid");
        }

        if (AtotiAuthTokenValidation.FindForbiddenHeader(jwt) is { } header)
        {
            return Refuse(PingErrors.ForbiddenTokenHeader, header);
        }

        if (!jwt.TryGetPayloadValue<string>(AtotiAuthTokenValidation.SessionIdClaim, out var sessionId) || string.IsNullOrEmpty(sessionId))
        {
            return Refuse(PingErrors.MissingSessionId, "no sid");
        }

        var parameters = options.TokenValidationParameters;
        var identity = result.ClaimsIdentity;
        var userName = identity.FindFirst(parameters.NameClaimType)?.Value;
        if (string.IsNullOrEmpty(userName))
        {
            return Refuse(PingErrors.InvalidToken, "no user name");
        }

        var roles = identity.FindAll(parameters.RoleClaimType).Select(static c => c.Value).ToArray();
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        return ValidatedToken.Valid(new SidecarCaller(sessionId, userName, roles, expiresAt));
    }

    /// <summary>Null when the keys could not be read: the caller answers 503, never "let it through".</summary>
    private async Task<TokenValidationResult?> ValidateWithKeysAsync(string token, JwtBearerOptions options, CancellationToken cancellationToken)
    {
        Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            LogKeysUnavailable(_logger, ex.GetType().Name);
            return null;
        }

        var parameters = options.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        return await _handler.ValidateTokenAsync(token, parameters);
    }

    private ValidatedToken Refuse(string code, string reason)
    {
        LogRefused(_logger, code, reason);
        return ValidatedToken.Invalid(code);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Token refused ({Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "The token service's keys could not be read ({ErrorType}); tokens are refused with 503 until they can")]
    private static partial void LogKeysUnavailable(ILogger logger, string errorType);
}
