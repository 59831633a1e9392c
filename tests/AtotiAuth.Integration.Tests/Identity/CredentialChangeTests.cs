using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// Issue 22's credential and role changes, against the real Redis and the token service: what a change
/// does to sessions already open, what a deleted user leaves behind, the session cap, the password policy.
/// </summary>
public sealed class CredentialChangeTests(IdentityWithTokenFixture app) : IClassFixture<IdentityWithTokenFixture>
{
    private const string Password = "first-long-password";
    private static readonly string[] Admin = ["ROLE_ADMIN"];
    private static readonly string[] UserOnly = ["ROLE_USER"];
    private static readonly string[] Share = ["ROLE_SHARE"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletedUser_CreatedAgain_HasNoneOfTheOldRoles()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "ops-1", Admin);
        using var deleted = await admin.DeleteAsync(new Uri("/admin/users/ops-1", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await CreateAsync(admin, "ops-1", []);

        var user = JsonNode.Parse(await admin.GetStringAsync(new Uri("/admin/users/ops-1", UriKind.Relative), Ct))!;
        Assert.Equal("[\"ROLE_USER\"]", user["roles"]!.ToJsonString());
        using var ops = app.Identity.CreateClient();
        ops.DefaultRequestHeaders.Authorization = IdentityApp.Basic("ops-1", Password);
        using var adminApi = await ops.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, adminApi.StatusCode);
    }

    [Fact]
    public async Task PasswordReset_ByAnAdmin_EndsTheUsersSessions()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "reset-1", []);
        var cookie = await LoginAsync("reset-1", Password);
        Assert.Equal(HttpStatusCode.OK, (await app.Token.JwtAsync(cookie)).Status);

        using var reset = await admin.PutAsJsonAsync("/admin/users/reset-1/password", new { password = "second-long-password" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Token.JwtOnceAsync(cookie, static a => a.Status != HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task PasswordChange_OwnSession_IsKeptAndTheOthersEnd()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "self-1", Admin);
        using var own = app.Identity.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(own, "self-1", Password);
        var other = await LoginAsync("self-1", Password);
        var sessions = app.Identity.Get<ISessionStore>();
        var ownId = (await sessions.ListByUserAsync("basic", "self-1", Ct)).Select(static s => s.Id).First();

        // From the site's own page, as a browser sends it: a cookie-authenticated write needs its Origin.
        own.DefaultRequestHeaders.Add("Origin", own.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var change = await own.PutAsJsonAsync("/admin/users/self-1/password", new { password = "second-long-password" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal([ownId], (await sessions.ListByUserAsync("basic", "self-1", Ct)).Select(static s => s.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Token.JwtOnceAsync(other, static a => a.Status != HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task RoleRemoval_IndividualRole_FeltByTheNextJwt()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "role-1", Admin);
        var cookie = await LoginAsync("role-1", Password);
        Assert.Contains("ROLE_ADMIN", (await app.Token.JwtAsync(cookie)).Roles);

        using var removed = await admin.PutAsJsonAsync("/admin/providers/basic/users/role-1/roles", new { roles = UserOnly }, Ct);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var jwt = await app.Token.JwtOnceAsync(cookie, static a => !a.Roles.Contains("ROLE_ADMIN"));
        Assert.Equal(HttpStatusCode.OK, jwt.Status);
        Assert.Equal(["ROLE_USER"], jwt.Roles);
    }

    [Fact]
    public async Task RoleRemoval_MappingEntry_FeltByTheNextJwt()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "map-1", []);
        using var mapped = await admin.PutAsJsonAsync("/admin/providers/basic/role-mapping/user:map-1", new { roles = Share }, Ct);
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        var cookie = await LoginAsync("map-1", Password);
        Assert.Contains("ROLE_SHARE", (await app.Token.JwtAsync(cookie)).Roles);

        using var removed = await admin.DeleteAsync(new Uri("/admin/providers/basic/role-mapping/user:map-1", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain("ROLE_SHARE", (await app.Token.JwtOnceAsync(cookie, static a => !a.Roles.Contains("ROLE_SHARE"))).Roles);
    }

    [Fact]
    public async Task Sessions_PastTheCap_TheOldestIsRevoked()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "cap-1", []);
        var first = await LoginAsync("cap-1", Password);
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync("cap-1", Password);
        }

        Assert.Equal(3, (await app.Identity.Get<ISessionStore>().ListByUserAsync("basic", "cap-1", Ct)).Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Token.JwtOnceAsync(first, static a => a.Status != HttpStatusCode.OK)).Status);
    }

    [Theory]
    [InlineData("weak-1", "short-pw")]
    [InlineData("weak-2", "password1234")]
    [InlineData("weak-3", "PASSWORD1234")]
    [InlineData("weak-username-4", "weak-username-4")]
    public async Task Create_WeakPassword_RefusedNamingTheField(string userName, string password)
    {
        using var admin = app.Admin();

        using var response = await admin.PostAsJsonAsync("/admin/users", new { userName, password }, Ct);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("weak_password", (string?)problem["code"]);
        Assert.Equal("password", (string?)problem["field"]);
        Assert.Null(await app.Identity.Get<IUserStore>().FindAsync(userName, Ct));
    }

    [Fact]
    public async Task Login_HashOfTheOldWorkFactor_UpgradedTo210000Iterations()
    {
        var old = new PasswordHasher<BasicUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var user = new BasicUser("legacy-1", "", UserStatus.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        var users = app.Identity.Get<IUserStore>();
        await users.CreateAsync(user with { PasswordHash = old.HashPassword(user, Password) }, Ct);
        Assert.Equal(100_000, Iterations((await users.FindAsync("legacy-1", Ct))!.PasswordHash));

        await LoginAsync("legacy-1", Password);

        Assert.Equal(210_000, Iterations((await users.FindAsync("legacy-1", Ct))!.PasswordHash));
        await LoginAsync("legacy-1", Password);
    }

    [Fact]
    public async Task Lock_AdminUnlock_LetsTheUserInAgain()
    {
        using var admin = app.Admin();
        await CreateAsync(admin, "unlock-1", []);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await IdentityApp.LoginWithFormAsync(app.Identity.CreateClient(), "unlock-1", "not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await IdentityApp.LoginWithFormAsync(app.Identity.CreateClient(), "unlock-1", Password);
        using var unlock = await admin.DeleteAsync(new Uri("/admin/users/unlock-1/lock", UriKind.Relative), Ct);
        using var after = await IdentityApp.LoginWithFormAsync(app.Identity.CreateClient(), "unlock-1", Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    /// <summary>ASP.NET Core Identity's V3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), …</summary>
    private static int Iterations(string hash) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    private static async Task CreateAsync(HttpClient admin, string userName, string[] roles)
    {
        using var created = await admin.PostAsJsonAsync("/admin/users", new { userName, password = Password, roles }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>Logs in by the form in a client of its own; the session cookie as <c>name=value</c>.</summary>
    private async Task<string> LoginAsync(string userName, string password)
    {
        using var client = app.Identity.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return IdentityApp.SessionSetCookie(login)!.Split(';')[0];
    }
}
