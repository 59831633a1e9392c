using System.Text.Encodings.Web;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// One line for a .NET cube or a sidecar to accept AtotiAuth tokens:
/// <c>builder.Services.AddAuthentication().AddAtotiAuthJwt(o => o.Authority = "https://auth.example.com")</c>.
/// </summary>
public static class AtotiAuthJwtExtensions
{
    /// <summary>The default scheme name, as JwtBearer's.</summary>
    public const string DefaultScheme = "Bearer";

    /// <summary>Adds the scheme <c>Bearer</c> with AtotiAuth's validation rules.</summary>
    public static AuthenticationBuilder AddAtotiAuthJwt(this AuthenticationBuilder builder, Action<AtotiAuthJwtOptions>? configure = null)
        => builder.AddAtotiAuthJwt(DefaultScheme, configure);

    /// <summary>
    /// Adds a scheme that verifies AtotiAuth tokens: keys from the authority's discovery document (re-read
    /// every <c>KeyRefreshInterval</c>, and on an unknown <c>kid</c> at once, rate-limited, the request
    /// waiting for them), algorithm allow-list, issuer, audience, lifetime with small skew, <c>typ</c>,
    /// no key-bearing or <c>crit</c> header, the legacy <c>Jwt</c> prefix, and the revocation check on
    /// <c>sid</c>. Options bind from <c>AtotiAuth:Jwt</c>, then <paramref name="configure"/>; they are
    /// validated at start.
    /// </summary>
    public static AuthenticationBuilder AddAtotiAuthJwt(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<AtotiAuthJwtOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        var services = builder.Services;
        var options = services.AddValidatedOptions<AtotiAuthJwtOptions>(AtotiAuthJwtOptions.SectionName, authenticationScheme);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AtotiAuthJwtOptions>, AtotiAuthJwtOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AtotiAuthJwtOptions>, AtotiAuthJwtPostConfigure>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IHostedService>(provider => new JwksWarmup(provider.GetRequiredService<IOptionsMonitor<AtotiAuthJwtOptions>>(), authenticationScheme));
        builder.AddScheme<AtotiAuthJwtOptions, AtotiAuthJwtHandler>(authenticationScheme, static _ => { });

        // Made by a delegate, not by reflection: one handler per request on the sidecar's proxy and ping (HotPathServices).
        services.AddHandlerFactory(static provider => new AtotiAuthJwtHandler(
            provider.GetRequiredService<IOptionsMonitor<AtotiAuthJwtOptions>>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<UrlEncoder>(),
            provider.GetService<RevocationCache>(),
            provider.GetService<IRevocationStore>()));
        return builder;
    }
}
