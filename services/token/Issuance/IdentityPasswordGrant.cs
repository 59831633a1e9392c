using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// The password grant of a split deployment: the script's credentials go to the identity service's
/// <c>GET /login</c> (<see cref="TokenOptions.IdentityUrl"/>) with the caller's address in
/// <c>X-Forwarded-For</c>, so that the login checks, throttles and starts the session; the session
/// cookie it answers is checked here like any other. The token service never writes a session itself.
/// </summary>
internal sealed partial class IdentityPasswordGrant(
    IHttpClientFactory clients,
    SessionCache sessions,
    IOptions<AtotiAuth.Shared.Sessions.SessionOptions> sessionOptions,
    IOptions<TokenOptions> options,
    ILogger<IdentityPasswordGrant> logger) : IPasswordSessionGrant
{
    public const string HttpClientName = "AtotiAuth.Identity";

    public async Task<PasswordGrantResult> GrantAsync(BasicCredentials credentials, IPAddress? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (options.Value.IdentityUrl is not { } identity)
        {
            LogNoIdentity(logger);
            return PasswordGrantResult.Refused(CommonProblems.MissingCredentials);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(identity.TrimEnd('/') + "/"), "login"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}")));
        if (clientAddress is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress.ToString());
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return await ReadAsync(response, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex.Message);
            return PasswordGrantResult.Refused(PasswordGrantProblems.IdentityUnavailable, "5");
        }
    }

    private async Task<PasswordGrantResult> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Redirect or HttpStatusCode.SeeOther:
                // The login's session cookie, checked like a browser's (secret, timeouts, revocation).
                var cookies = response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) ? values : [];
                foreach (var cookie in SetCookieHeaderValue.ParseList([.. cookies]))
                {
                    if (cookie.Name.Equals(sessionOptions.Value.CookieName, StringComparison.Ordinal)
                        && SessionTicket.TryParse(cookie.Value.ToString(), out var ticket)
                        && await sessions.AuthenticateAsync(ticket, cancellationToken) is { } session)
                    {
                        return PasswordGrantResult.Granted(session);
                    }
                }

                LogNoSession(logger);
                return PasswordGrantResult.Refused(PasswordGrantProblems.IdentityUnavailable, "5");
            case HttpStatusCode.Unauthorized:
                return PasswordGrantResult.Refused(PasswordGrantProblems.InvalidCredentials);
            case HttpStatusCode.TooManyRequests:
                return PasswordGrantResult.Refused(PasswordGrantProblems.LoginLocked, retryAfter);
            case HttpStatusCode.ServiceUnavailable when await CodeOfAsync(response, cancellationToken) == PasswordGrantProblems.DirectoryUnavailable.Code:
                return PasswordGrantResult.Refused(PasswordGrantProblems.DirectoryUnavailable, retryAfter);
            default:
                LogUnexpected(logger, (int)response.StatusCode);
                return PasswordGrantResult.Refused(PasswordGrantProblems.IdentityUnavailable, "5");
        }
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Basic credentials on a token path refused: AtotiAuth:Token:IdentityUrl is not set, so no password can be checked")]
    private static partial void LogNoIdentity(ILogger logger);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "The identity service could not be reached to check a password ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "The identity service accepted a password but its answer held no session this service accepts (same store and session cookie name?)")]
    private static partial void LogNoSession(ILogger logger);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "The identity service answered a password check with status {Status}")]
    private static partial void LogUnexpected(ILogger logger, int status);
}
