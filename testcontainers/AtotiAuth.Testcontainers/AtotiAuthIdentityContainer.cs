namespace AtotiAuth.Testcontainers;

/// <summary>The identity service: <c>/login</c>, <c>/logout</c>, the admin API.</summary>
public sealed class AtotiAuthIdentityContainer : AtotiAuthContainer
{
    /// <summary>Initializes the container from its configuration.</summary>
    /// <param name="configuration">The container configuration.</param>
    public AtotiAuthIdentityContainer(AtotiAuthServiceConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>Logs a user in with HTTP Basic (<c>POST /login</c>) and returns the session cookie.</summary>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">The login was refused; <see cref="HttpRequestException.StatusCode"/> says how (401 for wrong credentials).</exception>
    public Task<AtotiAuthSession> LoginAsync(string userName, string password, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.LoginAsync(GetBaseAddress(), GetSetting("AtotiAuth__Session__CookieName") ?? AtotiAuthHttp.DefaultSessionCookie, userName, password, cancellationToken);

    /// <summary>
    /// Logs a user in with Kerberos (<c>GET /login</c>, <c>Authorization: Negotiate</c>) as an
    /// <see cref="HttpClient"/> with the user's credentials does: the ticket comes from the KDC of
    /// <see cref="AtotiAuthKdcContainer.UseForThisProcess"/>, for the service principal's host, which the
    /// request names in its <c>Host</c> header while it connects to the mapped port.
    /// </summary>
    /// <param name="principal">The user, <c>alice@EXAMPLE.TEST</c>.</param>
    /// <param name="password">Its password at the KDC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">The login was refused; <see cref="HttpRequestException.StatusCode"/> says how (401 with no ticket or a refused one).</exception>
    public Task<AtotiAuthSession> LoginWithKerberosAsync(string principal, string password, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.LoginWithKerberosAsync(this, principal, password, cancellationToken);

    /// <summary>Logs the session out (<c>POST /logout</c>): it is revoked, its JWTs and cube cookies stop working everywhere.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task LogoutAsync(AtotiAuthSession session, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.LogoutAsync(GetBaseAddress(), session, cancellationToken);
}
