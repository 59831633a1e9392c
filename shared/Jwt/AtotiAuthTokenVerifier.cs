using System.Runtime.CompilerServices;
using AtotiAuth.Shared.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// The one validation path for AtotiAuth tokens at every verifier (sidecars, .NET cubes): the rules of
/// <see cref="AtotiAuthTokenValidation"/> (algorithm allow-list, issuer, audience, lifetime with small
/// skew, <c>typ</c>, no key-bearing header, no unknown <c>crit</c>, a <c>sid</c>) against the authority's
/// JWKS, waiting for fresh keys on an unknown <c>kid</c> (<see cref="JwksKeySource"/>). A valid token is
/// remembered until its <c>exp</c>, keyed by the SHA-256 of its characters (<see cref="TokenKey"/>), so
/// a UI's repeated token costs one hash, not a signature check. Revocation is not cached here: the
/// handler checks it on every request.
/// </summary>
internal sealed partial class AtotiAuthTokenVerifier : IDisposable
{
    private readonly JwksKeySource _keys;
    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MemoryCache _cache;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>
    /// The caller of each <c>Authorization</c> value, by string instance: Kestrel hands a kept-alive
    /// connection the same string again while the header repeats, so a UI's requests after the first skip
    /// even the token's hash (MEASURE). An entry lives as long as its string.
    /// </summary>
    private readonly ConditionalWeakTable<string, AtotiAuthCaller> _byHeader = [];

    public AtotiAuthTokenVerifier(JwksKeySource keys, TokenValidationParameters parameters, int cacheSize, TimeProvider time, ILogger logger)
    {
        _keys = keys;
        _parameters = parameters;
        _time = time;
        _logger = logger;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheSize, CompactionPercentage = 0.25 });
    }

    internal JwksKeySource Keys => _keys;

    /// <summary>The caller of an <c>Authorization: Bearer|Jwt</c> header, or why it is refused.</summary>
    public async ValueTask<TokenCheck> VerifyHeaderAsync(StringValues authorization, CancellationToken cancellationToken)
    {
        var header = authorization.Count == 1 ? authorization[0] : null;
        if (header is not null && _byHeader.TryGetValue(header, out var seen) && seen.ExpiresAt > _time.GetUtcNow())
        {
            return TokenCheck.Valid(seen);
        }

        if (!BearerToken.TryRead(authorization, out var token))
        {
            return TokenCheck.Refused(CommonProblems.InvalidToken);
        }

        var check = await VerifyAsync(token, cancellationToken);
        if (check.Caller is { } caller)
        {
            // The token was read from this very string: the pair holds for as long as the string lives.
            _byHeader.AddOrUpdate(header!, caller);
        }

        return check;
    }

    /// <summary>The caller the token names, or why it is refused. Throws nothing for a bad token.</summary>
    public async ValueTask<TokenCheck> VerifyAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken)
    {
        var key = TokenKey.Of(token.Span);
        if (_cache.TryGetValue(key, out AtotiAuthCaller? cached) && cached!.ExpiresAt > _time.GetUtcNow())
        {
            return TokenCheck.Valid(cached);
        }

        var check = await VerifyUncachedAsync(token.ToString(), cancellationToken);
        if (check.Caller is { } caller && caller.ExpiresAt > _time.GetUtcNow())
        {
            _cache.Set(key, caller, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = caller.ExpiresAt });
        }

        return check;
    }

    public void Dispose() => _cache.Dispose();

    private async Task<TokenCheck> VerifyUncachedAsync(string token, CancellationToken cancellationToken)
    {
        if (!_handler.CanReadToken(token))
        {
            return Refuse(CommonProblems.InvalidToken, "unreadable");
        }

        var keys = await _keys.GetAsync(cancellationToken);
        if (keys is null)
        {
            return TokenCheck.Refused(CommonProblems.KeysUnavailable);
        }

        var result = await ValidateAsync(token, keys);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException
            && await _keys.GetNewerAsync(keys, cancellationToken) is { } newer)
        {
            result = await ValidateAsync(token, newer);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Refuse(CommonProblems.InvalidToken, result.Exception?.GetType().Name ?? "invalid");
        }

        if (AtotiAuthTokenValidation.FindForbiddenHeader(jwt) is { } header)
        {
            return Refuse(CommonProblems.ForbiddenTokenHeader, header);
        }

        if (!jwt.TryGetPayloadValue<string>(AtotiAuthTokenValidation.SessionIdClaim, out var sessionId) || string.IsNullOrEmpty(sessionId))
        {
            return Refuse(CommonProblems.MissingSessionId, "no sid");
        }

        if (!jwt.TryGetPayloadValue<string>(_parameters.NameClaimType, out var userName) || string.IsNullOrEmpty(userName))
        {
            return Refuse(CommonProblems.InvalidToken, "no user name");
        }

        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        return TokenCheck.Valid(new AtotiAuthCaller(sessionId, userName, AtotiAuthTokenValidation.ReadRoles(jwt, _parameters.RoleClaimType), expiresAt));
    }

    private Task<TokenValidationResult> ValidateAsync(string token, JwksSnapshot keys)
    {
        var parameters = _parameters.Clone();
        parameters.IssuerSigningKeys = keys.Keys;
        return _handler.ValidateTokenAsync(token, parameters);
    }

    private TokenCheck Refuse(ProblemCode problem, string reason)
    {
        LogRefused(_logger, problem.Code, reason);
        return TokenCheck.Refused(problem);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Token refused ({Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string code, string reason);
}
