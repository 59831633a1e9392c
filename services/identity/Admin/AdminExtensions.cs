namespace AtotiAuth.Identity.Admin;

/// <summary>The admin API concern: its OpenAPI document lists the <c>/admin</c> routes only.</summary>
internal static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(AdminEndpoints.DocumentName, static o =>
            o.ShouldInclude = static d => d.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true);
        return builder;
    }
}
