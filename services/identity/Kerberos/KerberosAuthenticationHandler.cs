using System.Net.Security;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// SPNEGO over HTTP (RFC 4559) with .NET's <see cref="NegotiateAuthentication"/> on MIT's GSSAPI. An
/// exchange that needs more than one leg is kept on the connection (the client sends the next token on
/// the same one, §4.2) and dropped when it completes, fails or the connection closes. A completed
/// exchange yields the user and its roles through <see cref="KerberosAuthenticator"/>; the server's last
/// token goes back in <c>WWW-Authenticate</c> (mutual authentication). The challenge answers 401 with
/// <c>WWW-Authenticate: Negotiate</c> (and the pending leg's token), except after a refused token, so a
/// browser falls back to the page instead of trying again.
/// </summary>
internal sealed partial class KerberosAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    KerberosAcceptor acceptor,
    KerberosAuthenticator authenticator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly object ExchangeKey = new();
    private static readonly object ReplyItem = new();
    private static readonly object RefusedItem = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!KerberosToken.IsPresent(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var clientAddress = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var connection = Context.Features.Get<IConnectionItemsFeature>()?.Items;
        var pending = connection?[ExchangeKey] as NegotiateAuthentication;
        if (KerberosToken.Read(Request) is not { } token)
        {
            Drop(connection, pending);
            return Refused(await authenticator.RefuseAsync(Array.Empty<byte>(), "the Negotiate header is not base64", clientAddress, Context.RequestAborted));
        }

        if (await authenticator.AdmitAsync(token, clientAddress, Context.RequestAborted) is { } refusal)
        {
            Drop(connection, pending);
            return Refused(refusal);
        }

        acceptor.EnsureReady();
        var exchange = pending ?? new NegotiateAuthentication(new NegotiateAuthenticationServerOptions { Package = KerberosToken.Scheme });
        var reply = exchange.GetOutgoingBlob(token, out var status);
        switch (status)
        {
            case NegotiateAuthenticationStatusCode.Completed:
                var principal = exchange.RemoteIdentity.Name ?? "";
                Drop(connection, exchange);
                if (reply is { Length: > 0 })
                {
                    Response.Headers.Append(HeaderNames.WWWAuthenticate, KerberosToken.Header(reply));
                }

                var (outcome, failure) = await authenticator.CompleteAsync(principal, clientAddress, Context.RequestAborted);
                return outcome.Kind == LoginOutcomeKind.Success ? Success(outcome) : Refused(failure!);

            // Kestrel keeps per-connection items on HTTP/1.x; a leg over HTTP/2 would be lost between streams.
            case NegotiateAuthenticationStatusCode.ContinueNeeded when connection is not null && Request.Protocol.StartsWith("HTTP/1", StringComparison.Ordinal):
                if (pending is null)
                {
                    connection[ExchangeKey] = exchange;
                    Context.Features.Get<IConnectionCompleteFeature>()?.OnCompleted(DropAsync, new PendingExchange(connection, exchange));
                }

                Context.Items[ReplyItem] = reply;
                return AuthenticationProblems.Fail(IdentityProblems.KerberosContinue);

            default:
                Drop(connection, exchange);
                LogExchangeFailed(Logger, status, clientAddress);
                return Refused(await authenticator.RefuseAsync(token, $"GSSAPI answered {status}", clientAddress, Context.RequestAborted));
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (!Context.Items.ContainsKey(RefusedItem))
        {
            Response.Headers.Append(HeaderNames.WWWAuthenticate, KerberosToken.Header(Context.Items[ReplyItem] as byte[]));
        }

        return Task.CompletedTask;
    }

    private AuthenticateResult Success(LoginOutcome outcome)
    {
        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, outcome.UserName));
        identity.AddClaims(outcome.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private AuthenticateResult Refused(ProblemCode refusal)
    {
        Context.Items[RefusedItem] = true;
        Context.RequestServices.GetRequiredService<AuditTrail>().LoginRefused(Context, ProviderIds.Kerberos, "", AuditTrail.OutcomeOf(refusal));
        return AuthenticationProblems.Fail(refusal);
    }

    private static void Drop(IDictionary<object, object?>? connection, NegotiateAuthentication? exchange)
    {
        if (exchange is not null)
        {
            connection?.Remove(ExchangeKey);
            exchange.Dispose();
        }
    }

    private static Task DropAsync(object state)
    {
        var (connection, exchange) = (PendingExchange)state;
        if (connection.TryGetValue(ExchangeKey, out var current) && ReferenceEquals(current, exchange))
        {
            Drop(connection, exchange);
        }

        return Task.CompletedTask;
    }

    private sealed record PendingExchange(IDictionary<object, object?> Connection, NegotiateAuthentication Exchange);

    // GSSAPI's status hides the detail (GenericFailure covers a wrong key, a replay, a skewed clock);
    // KRB5_TRACE=/dev/stderr in the service's environment prints MIT's reason.
    [LoggerMessage(EventId = 4812, Level = LogLevel.Information, Message = "Kerberos exchange failed: GSSAPI answered {Status} for a client at {ClientAddress} (set KRB5_TRACE=/dev/stderr for MIT's reason)")]
    private static partial void LogExchangeFailed(ILogger logger, NegotiateAuthenticationStatusCode status, string clientAddress);
}
