using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// One line for a .NET cube or sidecar to accept AtotiAuth tokens:
/// <c>builder.Services.AddAuthentication().AddAtotiAuthJwt(o => o.Authority = "https://auth.example.com")</c>.
/// </summary>
public static class AtotiAuthJwtExtensions
{
    /// <summary>Adds a JwtBearer scheme named <c>Bearer</c> with AtotiAuth's validation rules.</summary>
    public static AuthenticationBuilder AddAtotiAuthJwt(this AuthenticationBuilder builder, Action<AtotiAuthJwtOptions>? configure = null)
        => builder.AddAtotiAuthJwt(JwtBearerDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds a JwtBearer scheme: keys from the authority's discovery document (re-read on an unknown
    /// <c>kid</c>, rate-limited), algorithm allow-list, issuer, audience, lifetime with small skew, the
    /// legacy <c>Jwt</c> prefix, and the revocation check on <c>sid</c>. Options bind from
    /// <c>AtotiAuth:Jwt</c>, then <paramref name="configure"/>; they are validated at start.
    /// </summary>
    public static AuthenticationBuilder AddAtotiAuthJwt(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<AtotiAuthJwtOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        var services = builder.Services;
        var options = services.AddOptions<AtotiAuthJwtOptions>(authenticationScheme).BindConfiguration(AtotiAuthJwtOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AtotiAuthJwtOptions>>(
            new DataAnnotationsKeyValidator<AtotiAuthJwtOptions>(AtotiAuthJwtOptions.SectionName)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AtotiAuthJwtOptions>, AtotiAuthJwtOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UnknownKeyRefetcher>();
        services.TryAddSingleton<AtotiAuthJwtBearerEvents>();
        services.AddOptions<JwtBearerOptions>(authenticationScheme)
            .Configure<IOptionsMonitor<AtotiAuthJwtOptions>>((jwt, ours) => Apply(jwt, ours.Get(authenticationScheme)));

        return builder.AddJwtBearer(authenticationScheme, static _ => { });
    }

    private static void Apply(JwtBearerOptions jwt, AtotiAuthJwtOptions ours)
    {
        var authority = ours.Authority!.TrimEnd('/');
        jwt.Authority = authority;
        jwt.Audience = ours.Audience;
        jwt.RequireHttpsMetadata = !ours.AllowHttpAuthority;
        jwt.MapInboundClaims = false;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.AutomaticRefreshInterval = ours.KeyRefreshInterval;
        jwt.RefreshInterval = ours.UnknownKeyRefreshInterval;
        jwt.EventsType = typeof(AtotiAuthJwtBearerEvents);
        jwt.TokenValidationParameters = AtotiAuthTokenValidation.CreateParameters(
            authority, ours.Audience, ours.EffectiveAlgorithms, ours.ClockSkew, ours.PrincipalClaim, ours.AuthoritiesClaim);
    }
}
