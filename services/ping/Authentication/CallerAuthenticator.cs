using System.Runtime.CompilerServices;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Authentication;

/// <summary>
/// Authenticates a request by its JWT (<c>Authorization: Bearer|Jwt</c>) or by this cube's cookie, and
/// checks the session against revocations every time, from the local revocation cache (no store read
/// per request while its feed is up).
/// </summary>
internal sealed partial class CallerAuthenticator(
    TokenValidator tokens,
    CubeCookieProtector cookies,
    SessionRoles roles,
    RevocationCache revocations,
    IOptions<PingOptions> options,
    TimeProvider time,
    ILogger<CallerAuthenticator> logger)
{
    private readonly string _cookieName = options.Value.CookieName;

    /// <summary>
    /// The caller of each <c>Authorization</c> value, by string instance: the server hands a kept-alive
    /// connection the same string again while the header repeats, so a UI's requests after the first
    /// skip even the token's hash (<see cref="TokenValidator"/>). An entry lives as long as its string.
    /// </summary>
    private readonly ConditionalWeakTable<string, SidecarCaller> _byHeader = [];

    public static bool HasToken(HttpContext context) => context.Request.Headers.Authorization.Count > 0;

    public async ValueTask<CallerCheck> FromTokenAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        var header = authorization.Count == 1 ? authorization[0] : null;
        if (header is not null && _byHeader.TryGetValue(header, out var seen) && seen.ExpiresAt > time.GetUtcNow())
        {
            return await CheckSessionAsync(seen, context);
        }

        if (!BearerToken.TryRead(authorization, out var token))
        {
            return CallerCheck.Refuse(authorization.Count == 0 ? PingErrors.MissingCredentials : PingErrors.InvalidToken);
        }

        var validated = await tokens.ValidateAsync(token, context.RequestAborted);
        if (validated.Caller is not { } caller)
        {
            return CallerCheck.Refuse(validated.Error!);
        }

        // The token was read from this very string: the pair holds for as long as the string lives.
        _byHeader.AddOrUpdate(header!, caller);
        return await CheckSessionAsync(caller, context);
    }

    public async ValueTask<CallerCheck> FromCookieAsync(HttpContext context)
    {
        var value = context.Request.Cookies[_cookieName];
        if (value is null)
        {
            return CallerCheck.Refuse(PingErrors.MissingCredentials);
        }

        if (cookies.Unprotect(value) is not { } payload)
        {
            LogCookieRefused(logger, PingErrors.InvalidCookie);
            return CallerCheck.Refuse(PingErrors.InvalidCookie);
        }

        if (payload.ExpiresAt <= time.GetUtcNow())
        {
            return CallerCheck.Refuse(PingErrors.CookieExpired);
        }

        if (await revocations.IsRevokedAsync(payload.SessionId, context.RequestAborted))
        {
            LogRevoked(logger, payload.SessionId);
            return CallerCheck.Refuse(PingErrors.SessionRevoked);
        }

        var sessionRoles = await roles.GetAsync(payload.SessionId, payload.ExpiresAt, context.RequestAborted);
        if (sessionRoles is null)
        {
            LogCookieRefused(logger, PingErrors.SessionEnded);
            return CallerCheck.Refuse(PingErrors.SessionEnded);
        }

        return CallerCheck.Accept(new SidecarCaller(payload.SessionId, payload.UserName, sessionRoles, payload.ExpiresAt));
    }

    /// <summary>A valid token's session, checked against revocations on every request.</summary>
    private async ValueTask<CallerCheck> CheckSessionAsync(SidecarCaller caller, HttpContext context)
    {
        if (await revocations.IsRevokedAsync(caller.SessionId, context.RequestAborted))
        {
            LogRevoked(logger, caller.SessionId);
            return CallerCheck.Refuse(PingErrors.SessionRevoked);
        }

        roles.Remember(caller);
        return CallerCheck.Accept(caller);
    }

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Session {SessionId} refused: revoked")]
    private static partial void LogRevoked(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Cookie refused ({Code})")]
    private static partial void LogCookieRefused(ILogger logger, string code);
}
