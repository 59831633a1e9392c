using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AtotiAuth.Integration.Tests.Token;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// The admin API. Tests that only read, or write only keys of their own (user <c>bob</c>, the
/// <c>ldap</c> provider's roles), share one host; those that change <c>alice</c> or the <c>basic</c>
/// provider's roles, or count <c>alice</c>'s sessions, start their own.
/// </summary>
public sealed class AdminApiTests(RedisFixture redis, IdentityAppFixture shared) : IClassFixture<IdentityAppFixture>
{
    private static readonly string[] Share = ["ROLE_SHARE"];
    private static readonly string[] UserOnly = ["ROLE_USER"];
    private static readonly string[] AdminOnly = ["ROLE_ADMIN"];
    private static readonly string[] UserAndAdmin = ["ROLE_USER", "ROLE_ADMIN"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_Anonymous_Gets401WithBasicChallengeAndCode()
    {
        var app = shared.App;
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("missing_credentials", await response.ReadProblemCodeAsync());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("unknownid.unknownsecret")]
    public async Task Admin_ForgedSessionCookie_Gets401SessionInvalid(string value)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        request.Headers.Add("Cookie", $"ATOTIAUTH_SESSION={value}");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, "session_invalid"), (response.StatusCode, await response.ReadProblemCodeAsync()));
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Admin_UserWithoutAdminRole_Gets403ByBasicAndBySession()
    {
        var app = shared.App;
        using var basic = app.CreateClient();
        basic.DefaultRequestHeaders.Authorization = IdentityApp.Basic("alice", IdentityApp.AlicePassword);
        using var session = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(session, "alice", IdentityApp.AlicePassword);

        using var byBasic = await basic.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        using var bySession = await session.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.Forbidden, "missing_role"), (byBasic.StatusCode, await byBasic.ReadProblemCodeAsync()));
        Assert.Equal((HttpStatusCode.Forbidden, "missing_role"), (bySession.StatusCode, await bySession.ReadProblemCodeAsync()));
    }

    [Fact]
    public async Task Admin_SessionOfAdmin_IsAccepted()
    {
        var app = shared.App;
        using var client = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, "admin", IdentityApp.AdminPassword);

        using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_UserLifecycle_CreateChangeDeactivateDelete()
    {
        var app = shared.App;
        using var admin = Admin(app);

        using var created = await admin.PostAsJsonAsync("/admin/users", new { userName = "bob", password = "bob-first-pw", roles = Share }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"roles\":[\"ROLE_SHARE\",\"ROLE_USER\"]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("bob-first-pw", body, StringComparison.Ordinal);

        using var duplicate = await admin.PostAsJsonAsync("/admin/users", new { userName = "bob", password = "another-bob-pw" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var list = await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Contains("\"userName\":\"bob\",\"provider\":\"basic\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", list, StringComparison.OrdinalIgnoreCase);

        using var bobClient = app.CreateClient();
        using var firstLogin = await IdentityApp.LoginWithFormAsync(bobClient, "bob", "bob-first-pw");
        Assert.Equal(HttpStatusCode.Redirect, firstLogin.StatusCode);

        using var password = await admin.PutAsJsonAsync("/admin/users/bob/password", new { password = "bob-second-pw" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, password.StatusCode);
        using var oldPassword = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "bob", "bob-first-pw");
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);

        using var secondLogin = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "bob", "bob-second-pw");
        var sessions = await admin.GetStringAsync(new Uri("/admin/providers/basic/users/bob/sessions", UriKind.Relative), Ct);
        Assert.Equal("basic", (string?)Assert.Single(JsonNode.Parse(sessions)!.AsArray())!["provider"]);

        using var inactive = await admin.PutAsJsonAsync("/admin/users/bob/status", new { status = "Inactive" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, inactive.StatusCode);
        Assert.Empty(JsonNode.Parse(await admin.GetStringAsync(new Uri("/admin/providers/basic/users/bob/sessions", UriKind.Relative), Ct))!.AsArray());
        using var refused = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "bob", "bob-second-pw");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var active = await admin.PutAsJsonAsync("/admin/users/bob/status", new { status = "Active" }, Ct);
        using var accepted = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "bob", "bob-second-pw");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        using var deleted = await admin.DeleteAsync(new Uri("/admin/users/bob", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.GetAsync(new Uri("/admin/users/bob", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("\"code\":\"user_not_found\"", await gone.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"password\":\"pw\"}", "userName")]
    [InlineData("{\"userName\":\"a:b\",\"password\":\"pw\"}", "userName")]
    [InlineData("{\"userName\":\"carol\"}", "password")]
    [InlineData("{\"userName\":\"carol\",\"password\":\"\"}", "password")]
    [InlineData("{\"userName\":\"carol\",\"password\":\"carol-long-password\",\"roles\":[\"\"]}", "roles")]
    [InlineData("{\"userName\":\"ａｌｉｃｅ\",\"password\":\"carol-long-password\"}", "userName")]
    [InlineData("{\"userName\":\"аlice\",\"password\":\"carol-long-password\"}", "userName")]
    public async Task Admin_CreateUserWithBadPayload_Returns400NamingTheField(string json, string field)
    {
        var app = shared.App;
        using var admin = Admin(app);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("/admin/users", UriKind.Relative), content, Ct);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (string?)problem["code"]);
        Assert.Equal(field, (string?)problem["field"]);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Admin_BadStatus_Returns400NamingTheField()
    {
        var app = shared.App;
        using var admin = Admin(app);

        using var response = await admin.PutAsJsonAsync("/admin/users/alice/status", new { status = "Sleeping" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("status", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["field"]);
    }

    [Fact]
    public async Task Admin_IndividualRoles_ApplyAtNextLogin()
    {
        await using var app = new IdentityApp(redis);
        using var admin = Admin(app);

        using var set = await admin.PutAsJsonAsync("/admin/providers/basic/users/alice/roles", new { roles = UserAndAdmin }, Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("ROLE_ADMIN", await admin.GetStringAsync(new Uri("/admin/providers/basic/users/alice/roles", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Contains("\"alice\"", await admin.GetStringAsync(new Uri("/admin/providers/basic/individual-roles", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Equal("{}", await admin.GetStringAsync(new Uri("/admin/providers/ldap/individual-roles", UriKind.Relative), Ct));

        using var alice = app.CreateClient();
        alice.DefaultRequestHeaders.Authorization = IdentityApp.Basic("alice", IdentityApp.AlicePassword);
        using var nowAdmin = await alice.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, nowAdmin.StatusCode);

        using var removed = await admin.DeleteAsync(new Uri("/admin/providers/basic/users/alice/roles", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var noLonger = await alice.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, noLonger.StatusCode);
    }

    [Fact]
    public async Task Admin_RoleMappingAndDefaultRoles_AreStoredPerProvider()
    {
        var app = shared.App;
        using var admin = Admin(app);

        using var mapping = await admin.PutAsJsonAsync("/admin/providers/ldap/role-mapping/ROLE_ATOTI_USER", new { roles = UserOnly }, Ct);
        using var defaults = await admin.PutAsJsonAsync("/admin/providers/ldap/default-roles", new { roles = UserOnly }, Ct);
        var readMapping = await admin.GetStringAsync(new Uri("/admin/providers/ldap/role-mapping", UriKind.Relative), Ct);
        var readDefaults = await admin.GetStringAsync(new Uri("/admin/providers/ldap/default-roles", UriKind.Relative), Ct);
        using var unmapped = await admin.DeleteAsync(new Uri("/admin/providers/ldap/role-mapping/ROLE_ATOTI_USER", UriKind.Relative), Ct);
        var afterDelete = await admin.GetStringAsync(new Uri("/admin/providers/ldap/role-mapping", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, mapping.StatusCode);
        Assert.Equal(HttpStatusCode.OK, defaults.StatusCode);
        Assert.Equal("{\"ROLE_ATOTI_USER\":[\"ROLE_USER\"]}", readMapping);
        Assert.Equal("{\"roles\":[\"ROLE_USER\"]}", readDefaults);
        Assert.Equal(HttpStatusCode.NoContent, unmapped.StatusCode);
        Assert.Equal("{}", afterDelete);
    }

    [Fact]
    public async Task Admin_DefaultRolesOfBasic_ApplyOnlyWithoutIndividualRoles()
    {
        await using var app = new IdentityApp(redis);
        using var admin = Admin(app);
        using var defaults = await admin.PutAsJsonAsync("/admin/providers/basic/default-roles", new { roles = AdminOnly }, Ct);
        using var cleared = await admin.DeleteAsync(new Uri("/admin/providers/basic/users/alice/roles", UriKind.Relative), Ct);

        using var alice = app.CreateClient();
        alice.DefaultRequestHeaders.Authorization = IdentityApp.Basic("alice", IdentityApp.AlicePassword);
        using var response = await alice.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_Sessions_RevokeOneAndAll()
    {
        await using var app = new IdentityApp(redis);
        using var admin = Admin(app);
        using var one = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "alice", IdentityApp.AlicePassword);
        using var two = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "alice", IdentityApp.AlicePassword);
        using var three = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "alice", IdentityApp.AlicePassword);

        var sessions = JsonNode.Parse(await admin.GetStringAsync(new Uri("/admin/providers/basic/users/alice/sessions", UriKind.Relative), Ct))!.AsArray();
        Assert.Equal(3, sessions.Count);
        using var revokeOne = await admin.DeleteAsync(new Uri($"/admin/sessions/{(string?)sessions[0]!["id"]}", UriKind.Relative), Ct);
        using var revokeMissing = await admin.DeleteAsync(new Uri("/admin/sessions/nope", UriKind.Relative), Ct);
        using var revokeAll = await admin.DeleteAsync(new Uri("/admin/providers/basic/users/alice/sessions", UriKind.Relative), Ct);
        var after = JsonNode.Parse(await admin.GetStringAsync(new Uri("/admin/providers/basic/users/alice/sessions", UriKind.Relative), Ct))!.AsArray();

        Assert.Equal(HttpStatusCode.NoContent, revokeOne.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revokeMissing.StatusCode);
        Assert.Equal("{\"revoked\":2}", await revokeAll.Content.ReadAsStringAsync(Ct));
        Assert.Empty(after);
    }

    [Fact]
    public async Task Admin_OpenApiDocument_ListsAdminRoutesForAdmins()
    {
        var app = shared.App;
        using var admin = Admin(app);
        using var anonymous = app.CreateClient();

        using var document = await admin.GetAsync(new Uri("/admin/openapi.json", UriKind.Relative), Ct);
        using var refused = await anonymous.GetAsync(new Uri("/admin/openapi.json", UriKind.Relative), Ct);
        var json = await document.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("/admin/users/{userName}/password", json, StringComparison.Ordinal);
        var listing = System.Text.Json.Nodes.JsonNode.Parse(json)!["paths"]!["/admin/users"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal("array", (string?)listing["type"]);
        Assert.Contains("UserResponse", listing["items"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"/login\"", json, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static HttpClient Admin(IdentityApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        return client;
    }
}
