using System.Text.Json;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// Checks a token presented to <c>/jwt</c> with the same rules as every verifier (shared/Jwt), against
/// our own keys rather than the JWKS, then its session's revocation.
/// </summary>
internal sealed partial class CallerTokenValidator(
    SigningKeySet keys,
    IOptions<TokenOptions> options,
    RevocationCache revocations,
    ILogger<CallerTokenValidator> logger)
{
    /// <summary>Clock skew tolerated on tokens presented back to us: the verifiers' default.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private (SigningKeySnapshot Keys, TokenValidationParameters Parameters)? _parameters;

    public async Task<CallerToken> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await _handler.ValidateTokenAsync(token, Parameters());
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            var reason = result.Exception?.GetType().Name ?? "none";
            LogRejected(logger, TokenProblemCodes.InvalidToken, reason);
            return CallerToken.Rejected(TokenProblemCodes.InvalidToken);
        }

        if (AtotiAuthTokenValidation.FindForbiddenHeader(jwt) is { } header)
        {
            LogRejected(logger, TokenProblemCodes.ForbiddenTokenHeader, header);
            return CallerToken.Rejected(TokenProblemCodes.ForbiddenTokenHeader);
        }

        if (!jwt.TryGetPayloadValue<string>(AtotiAuthTokenValidation.SessionIdClaim, out var sessionId) || string.IsNullOrEmpty(sessionId))
        {
            return CallerToken.Rejected(TokenProblemCodes.MissingSessionId);
        }

        if (await revocations.IsRevokedAsync(sessionId, cancellationToken))
        {
            LogRejected(logger, TokenProblemCodes.SessionRevoked, sessionId);
            return CallerToken.Rejected(TokenProblemCodes.SessionRevoked);
        }

        return new CallerToken(Roles(jwt, options.Value.AuthoritiesClaim), null);
    }

    private static string[] Roles(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<JsonElement>(claim, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [.. jwt.Claims.Where(c => c.Type == claim).Select(c => c.Value)];

    private TokenValidationParameters Parameters()
    {
        var current = keys.Current;
        var cached = _parameters;
        if (cached is { } hit && ReferenceEquals(hit.Keys, current))
        {
            return hit.Parameters;
        }

        var settings = options.Value;
        var parameters = AtotiAuthTokenValidation.CreateParameters(
            settings.NormalizedIssuer, settings.Audience, [keys.Algorithm], ClockSkew, settings.PrincipalClaim, settings.AuthoritiesClaim);
        parameters.IssuerSigningKeys = current.ValidationKeys;
        _parameters = (current, parameters);
        return parameters;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Presented token refused ({Code}): {Detail}")]
    private static partial void LogRejected(ILogger logger, string code, string detail);
}
