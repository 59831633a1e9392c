using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// Builds each scheme's verifier once its options are final, as JwtBearer builds its configuration
/// manager: the key source reads <c>{Authority}/.well-known/openid-configuration</c> through its own client.
/// </summary>
internal sealed class AtotiAuthJwtPostConfigure(TimeProvider time, ILoggerFactory loggers) : IPostConfigureOptions<AtotiAuthJwtOptions>
{
    public void PostConfigure(string? name, AtotiAuthJwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Verifier is not null || string.IsNullOrEmpty(options.Authority))
        {
            return;
        }

        var authority = options.Authority.TrimEnd('/');
        var backchannel = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.BackchannelTimeout,
            MaxResponseContentBufferSize = 1024 * 1024,
        };
        backchannel.DefaultRequestHeaders.UserAgent.ParseAdd("AtotiAuth-verifier");
        var keys = new JwksKeySource(
            authority + "/.well-known/openid-configuration",
            new HttpDocumentRetriever(backchannel) { RequireHttps = !options.AllowHttpAuthority },
            options.KeyRefreshInterval,
            options.UnknownKeyRefreshInterval,
            options.BackchannelTimeout,
            time,
            loggers.CreateLogger<JwksKeySource>());
        var parameters = AtotiAuthTokenValidation.CreateParameters(
            authority, options.Audience, options.EffectiveAlgorithms, options.ClockSkew, options.PrincipalClaim, options.AuthoritiesClaim);
        options.Verifier = new AtotiAuthTokenVerifier(keys, parameters, options.TokenCacheSize, time, loggers.CreateLogger<AtotiAuthTokenVerifier>());
    }
}
