using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>The standalone builder: seeded users and roles, its JWKS, and a caller's key directory.</summary>
public sealed class StandaloneTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    [Fact]
    public async Task Standalone_SeededUser_JwtValidatesAgainstItsJwksWithTheSeededRoles()
    {
        ServiceImages.EnsureAvailable(AtotiAuthImages.Standalone);
        var auth = fixture.Container;

        var jwt = await auth.GetJwtAsync("alice", StandaloneFixture.AlicePassword, TestContext.Current.CancellationToken);

        var identity = await JwtAssertions.ValidAsync(jwt, auth.GetJwksUrl(), auth.Issuer);
        Assert.Equal("alice", identity.FindFirst("sub")?.Value);
        Assert.Equal(["ROLE_TRADER", "ROLE_USER"], JwtAssertions.Authorities(identity).Order(StringComparer.Ordinal));
        Assert.StartsWith("http://127.0.0.1:", auth.Issuer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob", StandaloneFixture.BobPassword, "ROLE_MAPPED")]
    [InlineData("dave", StandaloneFixture.DavePassword, "ROLE_DESK")]
    public async Task Standalone_SeededMappingOrIndividualRoles_AreInTheJwt(string user, string password, string role)
    {
        ServiceImages.EnsureAvailable(AtotiAuthImages.Standalone);
        var auth = fixture.Container;

        var jwt = await auth.GetJwtAsync(user, password, TestContext.Current.CancellationToken);

        var identity = await JwtAssertions.ValidAsync(jwt, auth.GetJwksUrl(), auth.Issuer);
        Assert.Contains(role, JwtAssertions.Authorities(identity));
    }

    [Fact]
    public async Task Standalone_WrongPassword_IsRefusedWith401()
    {
        ServiceImages.EnsureAvailable(AtotiAuthImages.Standalone);

        Assert.Equal(HttpStatusCode.Unauthorized, await Refusal.StatusOfAsync(() => fixture.Container.LoginAsync("alice", "not-the-password", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Standalone_Logout_RevokesTheSession()
    {
        ServiceImages.EnsureAvailable(AtotiAuthImages.Standalone);
        var ct = TestContext.Current.CancellationToken;
        var auth = fixture.Container;
        var session = await auth.LoginAsync("alice", StandaloneFixture.AlicePassword, ct);

        await auth.LogoutAsync(session, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, await Refusal.StatusOfAsync(() => auth.GetJwtAsync(session, ct)));
    }

    [Fact]
    public async Task Standalone_CallersKeyDirectory_SignsWithItsKey()
    {
        ServiceImages.EnsureAvailable(AtotiAuthImages.Standalone);
        var ct = TestContext.Current.CancellationToken;
        using var keys = new TestKeyDirectory();
        keys.AddRsaPem("caller-1").Dispose();
        KeyFiles.MakeReadableByTheImage(keys.Path);
        await using var auth = new AtotiAuthStandaloneBuilder()
            .WithUser("erin", "erin-password-1")
            .WithSigningKeyDirectory(keys.Path)
            .Build();
        await auth.StartAsync(ct);

        var jwt = await auth.GetJwtAsync("erin", "erin-password-1", ct);

        Assert.Equal("caller-1", JwtAssertions.KeyId(jwt));
        await JwtAssertions.ValidAsync(jwt, auth.GetJwksUrl(), auth.Issuer);
    }
}
