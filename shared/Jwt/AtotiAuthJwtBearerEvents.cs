using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// What JwtBearer does not do on its own: accept Atoti's legacy <c>Jwt</c> scheme, refuse key-bearing
/// headers, and check the session's revocation once the signature and lifetime are known good.
/// </summary>
internal sealed partial class AtotiAuthJwtBearerEvents(
    IOptionsMonitor<AtotiAuthJwtOptions> options,
    ILogger<AtotiAuthJwtBearerEvents> logger,
    IRevocationStore? revocations = null) : JwtBearerEvents
{
    private const string LegacyScheme = "Jwt ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        // Atoti accepts "Authorization: Jwt <t>" for history (ATOTI-CONTRACT.md); "Bearer" is JwtBearer's own.
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(LegacyScheme, StringComparison.OrdinalIgnoreCase))
        {
            context.Token = authorization[LegacyScheme.Length..].Trim();
        }

        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token)
        {
            Reject(context, JwtRejections.InvalidToken);
            return;
        }

        var header = AtotiAuthTokenValidation.FindForbiddenHeader(token);
        if (header is not null)
        {
            LogForbiddenHeader(logger, header);
            Reject(context, JwtRejections.ForbiddenHeader);
            return;
        }

        if (!options.Get(context.Scheme.Name).CheckRevocation)
        {
            return;
        }

        if (!token.TryGetPayloadValue<string>(AtotiAuthTokenValidation.SessionIdClaim, out var sessionId) || string.IsNullOrEmpty(sessionId))
        {
            Reject(context, JwtRejections.MissingSession);
            return;
        }

        var store = revocations ?? throw new InvalidOperationException(
            $"{AtotiAuthJwtOptions.SectionName}:CheckRevocation is on but no IRevocationStore is registered: call " +
            "builder.AddAtotiAuthStore() with AtotiAuth:Store:Redis set, or set CheckRevocation=false where no store is reachable.");
        if (await store.IsRevokedAsync(sessionId, context.HttpContext.RequestAborted))
        {
            LogRevoked(logger, sessionId);
            Reject(context, JwtRejections.SessionRevoked);
        }
    }

    private static void Reject(TokenValidatedContext context, string code)
    {
        context.HttpContext.Items[typeof(JwtRejections)] = code;
        context.Fail(code);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Token refused: forbidden header parameter '{Header}'")]
    private static partial void LogForbiddenHeader(ILogger logger, string header);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Token refused: session {SessionId} was revoked")]
    private static partial void LogRevoked(ILogger logger, string sessionId);
}
