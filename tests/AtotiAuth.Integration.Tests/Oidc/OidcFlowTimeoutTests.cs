using System.Net;
using AtotiAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// A callback later than <c>FlowTimeout</c> after the start (the start time travels inside the protected
/// <c>state</c>) ends on the readable <c>login_flow_expired</c> page. The host's clock is a
/// <see cref="FakeTimeProvider"/> set to now, moved past the timeout while the browser is at the provider.
/// </summary>
[Collection(nameof(OidcLoginTests))]
public sealed class OidcFlowTimeoutTests(RedisFixture redis, OidcProviderFixture oidc)
{
    [Fact]
    public async Task Callback_AfterFlowTimeout_ExpiredPageWithLinkToLogin()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync(
            extra: new Dictionary<string, string?> { ["AtotiAuth:Identity:Oidc:FlowTimeout"] = "00:02:00" },
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        using var browser = new OidcBrowser();
        var atCallback = await OidcLoginTests.LoginAsync(browser, host, "oidc", "alice", stopAtCallback: true);

        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
        var page = await browser.NavigateAsync(atCallback.NextUrl!, u => u.AbsolutePath == "/after-login");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("login_flow_expired", OidcBrowser.ErrorCode(page.Body));
        Assert.Contains("href=\"/login\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.JwtAsync(browser)).Status);
    }

    [Fact]
    public async Task Callback_WithinFlowTimeout_SignsIn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync(
            extra: new Dictionary<string, string?> { ["AtotiAuth:Identity:Oidc:FlowTimeout"] = "00:02:00" },
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        using var browser = new OidcBrowser();
        var atCallback = await OidcLoginTests.LoginAsync(browser, host, "oidc", "alice", stopAtCallback: true);

        clock.Advance(TimeSpan.FromMinutes(1));
        var page = await browser.NavigateAsync(atCallback.NextUrl!, u => u.AbsolutePath == "/after-login");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
    }
}
