using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// Checks a token presented to <c>/jwt</c> with the rules every verifier applies
/// (<see cref="AtotiAuthTokenValidation"/>: algorithm, issuer, audience, lifetime, <c>typ</c>, no
/// key-bearing or <c>crit</c> header, a <c>sid</c>), against our own keys rather than the JWKS.
/// Revocation is the handler's to check.
/// </summary>
internal sealed partial class CallerTokenValidator(SigningKeySet keys, IOptions<TokenOptions> options, ILogger<CallerTokenValidator> logger)
{
    /// <summary>Clock skew tolerated on tokens presented back to us: the verifiers' default.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private (SigningKeySnapshot Keys, TokenValidationParameters Parameters)? _parameters;

    public async Task<TokenCheck> ValidateAsync(string token)
    {
        var parameters = Parameters();
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Refuse(CommonProblems.InvalidToken, result.Exception?.GetType().Name ?? "none");
        }

        if (AtotiAuthTokenValidation.FindForbiddenHeader(jwt) is { } header)
        {
            return Refuse(CommonProblems.ForbiddenTokenHeader, header);
        }

        if (!jwt.TryGetPayloadValue<string>(AtotiAuthTokenValidation.SessionIdClaim, out var sessionId) || string.IsNullOrEmpty(sessionId))
        {
            return Refuse(CommonProblems.MissingSessionId, "no sid");
        }

        var userName = jwt.TryGetPayloadValue<string>(parameters.NameClaimType, out var name) ? name : string.Empty;
        var roles = AtotiAuthTokenValidation.ReadRoles(jwt, parameters.RoleClaimType);
        return TokenCheck.Valid(new AtotiAuthCaller(sessionId, userName, roles, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)));
    }

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

    private TokenCheck Refuse(ProblemCode problem, string detail)
    {
        LogRejected(logger, problem.Code, detail);
        return TokenCheck.Refused(problem);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Presented token refused ({Code}): {Detail}")]
    private static partial void LogRejected(ILogger logger, string code, string detail);
}
