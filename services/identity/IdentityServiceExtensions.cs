using AtotiAuth.Identity.Admin;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Authentication;
using AtotiAuth.Identity.EmbeddedUi;
using AtotiAuth.Identity.Kerberos;
using AtotiAuth.Identity.Ldap;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Logout;
using AtotiAuth.Identity.Oidc;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Provisioning;
using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.DataProtection;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Identity;

/// <summary>The identity service module: login, logout, providers, admin API (DESIGN.md §1).</summary>
public static class IdentityServiceExtensions
{
    /// <summary>Registers the identity service.</summary>
    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddIdentityStores();

        // The one service that writes sessions, users, roles and revocations (deploy/k8s/base/redis/atotiauth.acl).
        builder.Services.AddStoreAccess(StoreAccess.Writer);

        // The OpenID Connect handler's state and correlation cookies are Data Protection payloads: one key
        // ring for all replicas, loaded at start where an OpenID provider is configured.
        builder.AddAtotiAuthDataProtection(loadAtStart: OidcExtensions.HasProviders(builder.Configuration));

        // The session scheme reads the cookie through the shared reader, whose short cache is kept
        // honest by the revocation feed (one subscription per process).
        builder.AddAtotiAuthSessionCookieReader();
        builder.Services.AddValidatedOptions<IdentityOptions, IdentityOptionsValidator>(IdentityOptions.SectionName);
        builder.AddPrincipals();
        builder.AddLogin();
        builder.AddLdap();
        builder.AddKerberos();
        builder.AddIdentityAuthentication();
        builder.AddOidc();
        builder.AddEmbeddedUi();
        builder.AddAudit();
        builder.AddProvisioning();
        return builder;
    }

    /// <summary>Maps the identity service's endpoints.</summary>
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app)
        {
            app.UseIdentityTrustedProxies();
        }

        endpoints.UseAtotiAuthPipeline();
        endpoints.MapLoginEndpoints();
        endpoints.MapLogoutEndpoints();
        endpoints.MapOidcEndpoints();
        endpoints.MapEmbeddedUiEndpoints();
        endpoints.MapAdminEndpoints();
        return endpoints;
    }
}
