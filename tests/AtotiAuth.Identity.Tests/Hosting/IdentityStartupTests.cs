using System.Net;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Identity.Tests.Hosting;

public sealed class IdentityStartupTests
{
    [Fact]
    public void Start_WithoutRedis_RefusesNamingTheSetting()
    {
        using var factory = new WebApplicationFactory<IdentityServiceMarker>();

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("AtotiAuth:Store:Redis", StartupFailure.AllMessages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_RedisDown_IsAliveButNotReady()
    {
        // Port 1 refuses connections: the service starts, is alive, and says it is not ready.
        using var factory = new WebApplicationFactory<IdentityServiceMarker>()
            .WithWebHostBuilder(static b => b.UseSetting("AtotiAuth:Store:Redis", "127.0.0.1:1,connectTimeout=200"));
        using var client = factory.CreateClient();

        var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }
}
