using AtotiAuth.Identity.AdminConsole;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Authentication;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// The admin API under <c>/admin</c> (JSON, problem details), for holders of the admin role by
/// session cookie or HTTP Basic: anonymous → 401, authenticated without the role → 403.
/// Its OpenAPI document is <c>/admin/openapi.json</c>, behind the same policy (<see cref="AdminOpenApi"/>).
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").RequireAuthorization(IdentitySchemes.AdminPolicy)
            .AddEndpointFilterFactory(static (factory, next) =>
            {
                // Made here rather than by AddEndpointFilter<T>, whose activator loads and compiles expression trees at start.
                var audit = new AdminAuditFilter(factory.ApplicationServices.GetRequiredService<AuditTrail>());
                return context => audit.InvokeAsync(context, next);
            })
            .AddEndpointFilter(new AdminOriginFilter());
        admin.MapAdminUsers();
        admin.MapAdminRoles();
        admin.MapAdminSession();
        admin.MapAdminAudit();
        endpoints.MapAdminConsoleEndpoints();
        endpoints.MapAdminOpenApi();
        return endpoints;
    }
}
