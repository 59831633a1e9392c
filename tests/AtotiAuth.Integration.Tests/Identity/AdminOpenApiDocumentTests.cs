using System.Net;
using System.Runtime.CompilerServices;
using AtotiAuth.Identity.Admin;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// The admin API's OpenAPI document is served as a committed file (<see cref="AdminOpenApi"/>); this
/// keeps it the one the routes make. After changing an admin route, run this test with
/// <c>ATOTIAUTH_WRITE_OPENAPI=1</c> to rewrite the file, and commit it.
/// </summary>
public sealed class AdminOpenApiDocumentTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminOpenApi_ServedDocument_IsTheOneTheRoutesMake()
    {
        await using var app = new IdentityApp(redis, services: static s => AdminOpenApi.AddGenerator(s));
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(AdminOpenApi.DocumentName).GetOpenApiDocumentAsync(Ct);
        var generated = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, Ct) + "\n";
        if (Environment.GetEnvironmentVariable("ATOTIAUTH_WRITE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(SourcePath(), generated, Ct);
        }

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        using var served = await client.GetAsync(new Uri("/admin/openapi.json", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True(
            generated == await served.Content.ReadAsStringAsync(Ct),
            $"services/identity/Admin/{AdminOpenApi.FileName} is not the document the admin routes make: run this test with ATOTIAUTH_WRITE_OPENAPI=1, rebuild, and commit the file");
    }

    private static string SourcePath([CallerFilePath] string test = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(test)!, "..", "..", "..", "services", "identity", "Admin", AdminOpenApi.FileName));
}
