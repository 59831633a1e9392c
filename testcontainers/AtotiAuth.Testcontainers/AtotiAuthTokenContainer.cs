namespace AtotiAuth.Testcontainers;

/// <summary>The token service: <c>GET /jwt</c> for a session, and the public keys.</summary>
public sealed class AtotiAuthTokenContainer : AtotiAuthContainer
{
    private readonly AtotiAuthServiceConfiguration _configuration;

    /// <summary>Initializes the container from its configuration.</summary>
    /// <param name="configuration">The container configuration.</param>
    public AtotiAuthTokenContainer(AtotiAuthServiceConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The JWTs' issuer (<c>iss</c>), which verifiers use as their authority.</summary>
    public string Issuer => _configuration.Issuer ?? throw new InvalidOperationException("The container was not built by AtotiAuthTokenBuilder.Build().");

    /// <summary>The host directory mounted as the key directory (<c>/keys</c>).</summary>
    public string? KeyDirectory => _configuration.KeyDirectory;

    /// <summary>The public keys, <c>/.well-known/jwks.json</c>, as the host reaches them.</summary>
    public Uri GetJwksUrl() => new(GetBaseAddress(), "/.well-known/jwks.json");

    /// <summary>Returns the session's JWT (<c>GET /jwt</c> with the session cookie).</summary>
    /// <param name="session">A session from an identity service on the same Redis.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">No JWT: 401 (no or revoked session) or 403 (a role is missing).</exception>
    public Task<string> GetJwtAsync(AtotiAuthSession session, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.GetJwtAsync(GetBaseAddress(), session, cancellationToken);
}
