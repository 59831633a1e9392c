using AtotiAuth.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>Builds the policies from the validated options (the admin role is configurable).</summary>
internal sealed class IdentityPolicySetup(IOptions<IdentityOptions> identity) : IConfigureOptions<AuthorizationOptions>
{
    public void Configure(AuthorizationOptions options)
    {
        var admin = identity.Value.AdminRole;
        options.AddPolicy(IdentitySchemes.AdminPolicy, policy => policy
            .AddAuthenticationSchemes(IdentitySchemes.Admin)
            .RequireAuthenticatedUser()
            .RequireRole(admin));

        options.AddPolicy(IdentitySchemes.AdminPagePolicy, policy => policy
            .AddAuthenticationSchemes(IdentitySchemes.SessionPage)
            .RequireAuthenticatedUser()
            .RequireRole(admin));

        // DESIGN.md §3: without ROLE_USER (the admin role passes too) a user may not use the UI.
        options.AddPolicy(IdentitySchemes.UiPolicy, policy => policy
            .AddAuthenticationSchemes(IdentitySchemes.SessionPage)
            .RequireAuthenticatedUser()
            .RequireRole(BasicUserRules.UserRole, admin));
    }
}
