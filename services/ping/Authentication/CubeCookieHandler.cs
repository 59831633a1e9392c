using System.Text.Encodings.Web;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Ping.Proxy;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Authentication;

/// <summary>
/// Authenticates a WebSocket handshake by this cube's cookie, the one credential a browser can send on
/// it (ATOTI-CONTRACT.md, "JWT for REST and cookies for WebSockets"): only from an allowed UI origin
/// (cross-site WebSocket hijacking), only a cookie this cube sealed and that has not expired, and only
/// while its session is neither revoked nor gone. The cookie authenticates nothing else
/// (<see cref="AuthenticationExtensions"/>): every other request carries the JWT, so a cross-site
/// request riding on the cookie is refused.
/// </summary>
internal sealed partial class CubeCookieHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CubeCookieProtector cookies,
    SessionRoles roles,
    RevocationCache revocations,
    WebSocketOrigins origins,
    IOptions<PingOptions> ping,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CubeCookie";

    /// <summary>Makes the handler by a delegate, not by reflection, as on every hot path (<see cref="HotPathServices"/>).</summary>
    public static CubeCookieHandler Create(IServiceProvider provider) => new(
        provider.GetRequiredService<IOptionsMonitor<AuthenticationSchemeOptions>>(),
        provider.GetRequiredService<ILoggerFactory>(),
        provider.GetRequiredService<UrlEncoder>(),
        provider.GetRequiredService<CubeCookieProtector>(),
        provider.GetRequiredService<SessionRoles>(),
        provider.GetRequiredService<RevocationCache>(),
        provider.GetRequiredService<WebSocketOrigins>(),
        provider.GetRequiredService<IOptions<PingOptions>>(),
        provider.GetRequiredService<TimeProvider>());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!origins.IsAllowed(Request.Headers.Origin))
        {
            LogRefused(Logger, PingProblems.OriginNotAllowed.Code);
            return AuthenticationProblems.Fail(PingProblems.OriginNotAllowed);
        }

        var value = Request.Cookies[ping.Value.CookieName];
        if (value is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (cookies.Unprotect(value) is not { } payload)
        {
            LogRefused(Logger, PingProblems.InvalidCookie.Code);
            return AuthenticationProblems.Fail(PingProblems.InvalidCookie);
        }

        if (payload.ExpiresAt <= time.GetUtcNow())
        {
            return AuthenticationProblems.Fail(PingProblems.CookieExpired);
        }

        IReadOnlyList<string>? sessionRoles;
        try
        {
            if (await revocations.IsRevokedAsync(payload.SessionId, Context.RequestAborted))
            {
                LogRefused(Logger, CommonProblems.SessionRevoked.Code);
                return AuthenticationProblems.Fail(CommonProblems.SessionRevoked);
            }

            sessionRoles = await roles.GetAsync(payload.SessionId, payload.ExpiresAt, Context.RequestAborted);
        }
        catch (StoreUnavailableException)
        {
            return AuthenticationProblems.Fail(CommonProblems.StoreUnavailable);
        }

        if (sessionRoles is null)
        {
            LogRefused(Logger, PingProblems.SessionEnded.Code);
            return AuthenticationProblems.Fail(PingProblems.SessionEnded);
        }

        var caller = new AtotiAuthCaller(payload.SessionId, payload.UserName, sessionRoles, payload.ExpiresAt);
        Context.Features.Set(caller);
        var principal = caller.ToPrincipal(SchemeName, "sub", "authorities");
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await AuthenticationProblems.ChallengeAsync(Context, await HandleAuthenticateOnceSafeAsync(), CommonProblems.MissingCredentials, "Bearer");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "WebSocket handshake refused ({Code})")]
    private static partial void LogRefused(ILogger logger, string code);
}
