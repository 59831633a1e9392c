using System.Security.Claims;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// What JwtBearer does not do on its own: accept Atoti's legacy <c>Jwt</c> scheme, refuse key-bearing
/// headers, and check the session's revocation once the signature and lifetime are known good.
/// </summary>
internal sealed partial class AtotiAuthJwtBearerEvents(
    IOptionsMonitor<AtotiAuthJwtOptions> options,
    ILogger<AtotiAuthJwtBearerEvents> logger,
    UnknownKeyRefetcher refetcher,
    IRevocationStore? revocations = null,
    RevocationCache? revocationCache = null) : JwtBearerEvents
{
    private const string LegacyScheme = "Jwt ";
    private const string BearerScheme = "Bearer ";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

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

    public override async Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException || PresentedToken(context.Request) is not { } token)
        {
            return;
        }

        var ours = options.Get(context.Scheme.Name);
        var keys = await refetcher.GetKeysAsync(context.Scheme.Name, context.Options, ours.UnknownKeyRefreshInterval, context.HttpContext.RequestAborted);
        if (keys is null || keys.Count == 0)
        {
            return;
        }

        var parameters = context.Options.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = keys;
        parameters.ConfigurationManager = null;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return;
        }

        var validated = new TokenValidatedContext(context.HttpContext, context.Scheme, context.Options)
        {
            Principal = new ClaimsPrincipal(result.ClaimsIdentity),
            SecurityToken = result.SecurityToken,
        };
        await TokenValidated(validated);
        if (validated.Result is null)
        {
            LogUnknownKeyRecovered(logger, result.SecurityToken is JsonWebToken jwt ? jwt.Kid : "?");
            context.Principal = validated.Principal;
            context.Success();
        }
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

        if (await IsRevokedAsync(sessionId, context.HttpContext.RequestAborted))
        {
            LogRevoked(logger, sessionId);
            Reject(context, JwtRejections.SessionRevoked);
        }
    }

    /// <summary>Through the revocation cache where the host added it (no Redis read per request), else the store.</summary>
    private async ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (revocationCache is not null)
        {
            return await revocationCache.IsRevokedAsync(sessionId, cancellationToken);
        }

        var store = revocations ?? throw new InvalidOperationException(
            $"{AtotiAuthJwtOptions.SectionName}:CheckRevocation is on but no IRevocationStore is registered: call " +
            "builder.AddAtotiAuthRevocationCache() (or AddAtotiAuthStore()) with AtotiAuth:Store:Redis set, or set CheckRevocation=false where no store is reachable.");
        return await store.IsRevokedAsync(sessionId, cancellationToken);
    }

    private static string? PresentedToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)[BearerScheme, LegacyScheme])
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return authorization[scheme.Length..].Trim();
            }
        }

        return null;
    }

    private static void Reject(TokenValidatedContext context, string code)
    {
        context.HttpContext.Items[typeof(JwtRejections)] = code;
        context.Fail(code);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Token refused: forbidden header parameter '{Header}'")]
    private static partial void LogForbiddenHeader(ILogger logger, string header);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Token signed by key {KeyId}, new to this verifier, accepted after fetching the keys again")]
    private static partial void LogUnknownKeyRecovered(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Token refused: session {SessionId} was revoked")]
    private static partial void LogRevoked(ILogger logger, string sessionId);
}
