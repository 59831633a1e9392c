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

    public static bool HasToken(HttpContext context) => context.Request.Headers.Authorization.Count > 0;

    public async ValueTask<CallerCheck> FromTokenAsync(HttpContext context)
    {
        if (!BearerToken.TryRead(context.Request.Headers.Authorization, out var token))
        {
            return CallerCheck.Refuse(context.Request.Headers.Authorization.Count == 0 ? PingErrors.MissingCredentials : PingErrors.InvalidToken);
        }

        var validated = await tokens.ValidateAsync(token, context.RequestAborted);
        if (validated.Caller is not { } caller)
        {
            return CallerCheck.Refuse(validated.Error!);
        }

        if (await revocations.IsRevokedAsync(caller.SessionId, context.RequestAborted))
        {
            LogRevoked(logger, caller.SessionId);
            return CallerCheck.Refuse(PingErrors.SessionRevoked);
        }

        roles.Remember(caller);
        return CallerCheck.Accept(caller);
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

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Session {SessionId} refused: revoked")]
    private static partial void LogRevoked(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Cookie refused ({Code})")]
    private static partial void LogCookieRefused(ILogger logger, string code);
}
