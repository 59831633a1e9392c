using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class EmbeddedUiTests(RedisFixture redis) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("atotiauth-ui-").FullName;

    [Fact]
    public async Task Ui_Anonymous_GoesThroughLoginAndComesBack()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "index.html"), "<h1>embedded</h1>", TestContext.Current.CancellationToken);
        await using var app = new IdentityApp(redis, new Dictionary<string, string?> { ["AtotiAuth:Identity:EmbeddedUi:RootPath"] = _root });
        using var client = app.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/ui/index.html?dashboard=7&x=a%20b", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var loginUrl = anonymous.Headers.Location!.OriginalString;
        Assert.StartsWith("/login?redirectUrl=", loginUrl, StringComparison.Ordinal);
        var back = Uri.UnescapeDataString(loginUrl["/login?redirectUrl=".Length..]);
        Assert.Equal("/ui/index.html?dashboard=7&x=a%20b", back);

        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword, back);
        Assert.Equal(back, login.Headers.Location?.OriginalString);

        using var page = await client.GetAsync(new Uri(back, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("<h1>embedded</h1>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ui_FolderRoot_ServesIndex()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "index.html"), "root", TestContext.Current.CancellationToken);
        await using var app = new IdentityApp(redis, new Dictionary<string, string?> { ["AtotiAuth:Identity:EmbeddedUi:RootPath"] = _root });
        using var client = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);

        using var page = await client.GetAsync(new Uri("/ui/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("root", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/ui/../appsettings.json")]
    [InlineData("/ui/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/ui/missing.html")]
    public async Task Ui_PathOutsideOrMissing_IsNotFound(string path)
    {
        await using var app = new IdentityApp(redis, new Dictionary<string, string?> { ["AtotiAuth:Identity:EmbeddedUi:RootPath"] = _root });
        using var client = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
