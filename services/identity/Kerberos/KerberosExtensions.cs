using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>The Kerberos (SPNEGO) provider: options, the GSSAPI set-up, the authentication scheme used by <c>GET /login</c>.</summary>
internal static class KerberosExtensions
{
    /// <summary>
    /// Always registered, active only with <see cref="KerberosOptions.ServicePrincipal"/> set, so the
    /// decision is made on the bound options and validated with them (as LDAP).
    /// </summary>
    public static IHostApplicationBuilder AddKerberos(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<KerberosOptions, KerberosOptionsValidator>(KerberosOptions.SectionName);
        services.TryAddSingleton<KerberosAcceptor>();
        services.TryAddSingleton<KerberosAuthenticator>();
        services.TryAddSingleton<KerberosLogin>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, KerberosAuthenticationHandler>(KerberosSchemes.Negotiate, null);
        services.AddHostedService<KerberosStartup>();
        return builder;
    }
}
