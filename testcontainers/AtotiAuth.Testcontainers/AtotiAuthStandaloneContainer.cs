namespace AtotiAuth.Testcontainers;

/// <summary>
/// The standalone host: the JWT server of an Atoti UI (<c>/login</c>, <c>/logout</c>, <c>/jwt</c>,
/// <c>/.well-known/jwks.json</c>) in one container.
/// </summary>
public sealed class AtotiAuthStandaloneContainer : AtotiAuthContainer
{
    private readonly AtotiAuthServiceConfiguration _configuration;

    /// <summary>Initializes the container from its configuration.</summary>
    /// <param name="configuration">The container configuration.</param>
    public AtotiAuthStandaloneContainer(AtotiAuthServiceConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The JWTs' issuer (<c>iss</c>), which verifiers use as their authority.</summary>
    public string Issuer => _configuration.Issuer ?? throw new InvalidOperationException("The container was not built by AtotiAuthStandaloneBuilder.Build().");

    /// <summary>The JWT server as the host reaches it (Atoti's <c>jwtServer.url</c>).</summary>
    public Uri GetJwtServerUrl() => GetBaseAddress();

    /// <summary>The public keys, <c>/.well-known/jwks.json</c>, as the host reaches them.</summary>
    public Uri GetJwksUrl() => new(GetBaseAddress(), "/.well-known/jwks.json");

    /// <summary>Logs a user in with HTTP Basic (<c>POST /login</c>) and returns the session cookie.</summary>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">The login was refused; <see cref="HttpRequestException.StatusCode"/> says how (401 for wrong credentials).</exception>
    public Task<AtotiAuthSession> LoginAsync(string userName, string password, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.LoginAsync(GetBaseAddress(), SessionCookieName, userName, password, cancellationToken);

    /// <summary>Logs a user in with Kerberos, as <see cref="AtotiAuthIdentityContainer.LoginWithKerberosAsync"/> does.</summary>
    /// <param name="principal">The user, <c>alice@EXAMPLE.TEST</c>.</param>
    /// <param name="password">Its password at the KDC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">The login was refused.</exception>
    public Task<AtotiAuthSession> LoginWithKerberosAsync(string principal, string password, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.LoginWithKerberosAsync(this, principal, password, cancellationToken);

    /// <summary>Returns the session's JWT (<c>GET /jwt</c>).</summary>
    /// <param name="session">A session from <see cref="LoginAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">No JWT: 401 (no or revoked session) or 403 (a role is missing).</exception>
    public Task<string> GetJwtAsync(AtotiAuthSession session, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.GetJwtAsync(GetBaseAddress(), session, cancellationToken);

    /// <summary>Logs a user in and returns a JWT for it.</summary>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<string> GetJwtAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var session = await LoginAsync(userName, password, cancellationToken).ConfigureAwait(false);
        return await GetJwtAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs the session out (<c>POST /logout</c>): it is revoked, its JWTs stop working everywhere.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task LogoutAsync(AtotiAuthSession session, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.LogoutAsync(GetBaseAddress(), session, cancellationToken);

    private string SessionCookieName => GetSetting("AtotiAuth__Session__CookieName") ?? AtotiAuthHttp.DefaultSessionCookie;
}
