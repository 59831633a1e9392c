using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Reads the session cookie (<see cref="SessionOptions.CookieName"/>) and checks it through
/// <see cref="SessionCache"/>: one reading of the cookie for every service that accepts it (the token
/// service's <c>/jwt</c>, the identity service's session scheme).
/// </summary>
public sealed class SessionCookieReader(SessionCache sessions, IOptions<SessionOptions> options)
{
    /// <summary>The cookie's name.</summary>
    public string CookieName => options.Value.CookieName;

    /// <summary>The cookie's ticket; false when the cookie is absent or not a well-formed ticket.</summary>
    public bool TryRead(HttpRequest request, [NotNullWhen(true)] out SessionTicket? ticket)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SessionTicket.TryParse(request.Cookies[CookieName], out ticket);
    }

    /// <summary>
    /// What the cookie proves: nothing (absent), nothing (malformed), a refused ticket (unknown,
    /// revoked, timed out, wrong secret) or the session. Throws <see cref="Store.StoreUnavailableException"/>
    /// when the store must be asked and cannot be reached (fail closed).
    /// </summary>
    public async ValueTask<SessionCookieCheck> CheckAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(CookieName, out var value))
        {
            return new SessionCookieCheck(SessionCookieStatus.Missing, null);
        }

        if (!SessionTicket.TryParse(value, out var ticket))
        {
            return new SessionCookieCheck(SessionCookieStatus.Malformed, null);
        }

        var session = await sessions.AuthenticateAsync(ticket, cancellationToken).ConfigureAwait(false);
        return session is null
            ? new SessionCookieCheck(SessionCookieStatus.Refused, null)
            : new SessionCookieCheck(SessionCookieStatus.Valid, session);
    }
}
