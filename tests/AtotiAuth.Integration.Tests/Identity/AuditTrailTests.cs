using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtotiAuth.Testing;
using StackExchange.Redis;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// Issue 16's audit trail against the real Redis: every admin write, login, logout and lock-out becomes
/// an event with actor, action, target, outcome and client address, kept in the capped stream
/// <c>{prefix}audit</c> and read back by <c>GET /admin/audit</c> with its filters.
/// </summary>
public sealed class AuditTrailTests(RedisFixture redis)
{
    private static readonly string[] UserRole = ["ROLE_USER"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audit_AdminWritesLoginsAndLogout_AreListedWithActorTargetAndOutcome()
    {
        await using var app = new IdentityApp(redis);
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        using (await admin.PostAsJsonAsync(new Uri("/admin/users", UriKind.Relative), new { userName = "carol", password = "carol-Pa55word!" }, Ct)) { }
        using (await admin.PostAsJsonAsync(new Uri("/admin/users", UriKind.Relative), new { userName = "carol", password = "carol-Pa55word!" }, Ct)) { }
        using (await admin.PutAsJsonAsync(new Uri("/admin/providers/ldap/role-mapping/ROLE_ATOTI_USER", UriKind.Relative), new { roles = UserRole }, Ct)) { }
        using (await admin.PutAsJsonAsync(new Uri("/admin/users/carol/status", UriKind.Relative), new { status = "Inactive" }, Ct)) { }
        using var carol = app.CreateClient();
        using (await IdentityApp.LoginWithFormAsync(carol, "carol", "carol-Pa55word!")) { }
        using var alice = app.CreateClient();
        using (await IdentityApp.LoginWithFormAsync(alice, "alice", IdentityApp.AlicePassword)) { }
        using (await alice.PostAsync(new Uri("/logout", UriKind.Relative), null, Ct)) { }
        using (await admin.PutAsJsonAsync(new Uri("/admin/providers/basic/users/carol/roles", UriKind.Relative), new { roles = UserRole }, Ct)) { }
        using (await admin.PutAsJsonAsync(new Uri("/admin/providers/ldap/default-roles", UriKind.Relative), new { roles = UserRole }, Ct)) { }
        using (await admin.PutAsJsonAsync(new Uri("/admin/providers/ldap/users/carol/link", UriKind.Relative), new { provider = "basic", userName = "carol" }, Ct)) { }
        using (await admin.DeleteAsync(new Uri("/admin/users/carol/lock", UriKind.Relative), Ct)) { }
        using (await admin.DeleteAsync(new Uri("/admin/providers/basic/users/alice/sessions", UriKind.Relative), Ct)) { }
        using (await admin.DeleteAsync(new Uri("/admin/sessions/no-such-session", UriKind.Relative), Ct)) { }

        var all = await ReadAsync(admin, "");
        var create = all.Where(e => e.Action == "user.create").ToList();
        Assert.Equal(["success", "user_exists"], create.Select(static e => e.Outcome).Order(StringComparer.Ordinal));
        Assert.All(create, static e => Assert.Equal(("admin", "carol", "-"), (e.Actor, e.Target, e.ActorSession)));
        Assert.All(create, static e => Assert.False(string.IsNullOrEmpty(e.ClientAddress)));
        var mapping = Assert.Single(all, static e => e.Action == "roles.mapping.set");
        Assert.Equal(("ldap/ROLE_ATOTI_USER", "success", "roles=ROLE_USER"), (mapping.Target, mapping.Outcome, mapping.Detail));
        Assert.Equal("status=Inactive", Assert.Single(all, static e => e.Action == "user.status").Detail);
        Assert.Equal(("carol", "provider=basic roles=ROLE_USER"), Only(all, "roles.individual.set"));
        Assert.Equal(("ldap", "roles=ROLE_USER"), Only(all, "roles.default.set"));
        Assert.Equal(("carol", "provider=ldap link=basic/carol"), Only(all, "link.set"));
        Assert.Equal(("carol", ""), Only(all, "user.unlock"));
        Assert.Equal(("alice", "provider=basic"), Only(all, "session.revoke-all"));
        var revoke = Assert.Single(all, static e => e.Action == "session.revoke");
        Assert.Equal(("no-such-session", "session_not_found"), (revoke.Target, revoke.Outcome));
        Assert.All(all.Where(static e => e.Action.StartsWith("roles.", StringComparison.Ordinal) || e.Action.StartsWith("link.", StringComparison.Ordinal) || e.Action.StartsWith("session.", StringComparison.Ordinal)),
            static e => Assert.Equal("admin", e.Actor));
        Assert.Equal("invalid", Assert.Single(all, static e => e.Action == "login" && e.Actor == "carol").Outcome);
        var aliceLogin = Assert.Single(all, static e => e.Action == "login" && e.Actor == "alice");
        var logout = Assert.Single(all, static e => e.Action == "logout");
        Assert.Equal(("alice", "success"), (logout.Actor, logout.Outcome));
        Assert.Equal(aliceLogin.ActorSession, logout.ActorSession);
        Assert.True(all.First().Time >= all.Last().Time, "newest first");
        Assert.DoesNotContain(all, static e => JsonSerializer.Serialize(e).Contains("Pa55word", StringComparison.Ordinal));

        Assert.All(await ReadAsync(admin, "?user=carol"), static e => Assert.True(e.Actor == "carol" || e.Target == "carol"));
        Assert.All(await ReadAsync(admin, "?action=roles"), static e => Assert.StartsWith("roles.", e.Action, StringComparison.Ordinal));
        Assert.Empty(await ReadAsync(admin, "?since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))));
        Assert.NotEmpty(await ReadAsync(admin, "?since=" + Uri.EscapeDataString(started.ToString("O"))));

        using var bad = await admin.GetAsync(new Uri("/admin/audit?since=yesterday", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"code\":\"invalid_request\"", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        Assert.Equal(RedisType.Stream, await connection.GetDatabase().KeyTypeAsync(app.KeyPrefix + "audit"));
    }

    [Fact]
    public async Task Audit_LockedOutLogin_IsALockoutEvent()
    {
        await using var app = new IdentityApp(redis, new Dictionary<string, string?> { ["AtotiAuth:Identity:Throttling:MaxFailuresPerUser"] = "2" });
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using (await IdentityApp.LoginWithFormAsync(client, "alice", "wrong-password")) { }
        }

        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        var lockout = Assert.Single(await ReadAsync(admin, "?action=lockout"));
        Assert.Equal(("alice", "locked"), (lockout.Actor, lockout.Outcome));
    }

    [Fact]
    public async Task Audit_Stream_IsCappedAtMaxEvents()
    {
        await using var app = new IdentityApp(redis, new Dictionary<string, string?> { ["AtotiAuth:Identity:Audit:MaxEvents"] = "100" });
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        for (var i = 0; i < 350; i++)
        {
            using (await admin.DeleteAsync(new Uri($"/admin/providers/basic/users/nobody{i}/roles", UriKind.Relative), Ct)) { }
        }

        // Redis trims approximately, by whole nodes of 100 entries: never more than one node over.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var length = await connection.GetDatabase().StreamLengthAsync(app.KeyPrefix + "audit");
        Assert.InRange(length, 100, 200);
    }

    /// <summary>The target and detail of the one successful event of <paramref name="action"/>.</summary>
    private static (string Target, string Detail) Only(List<AuditRow> all, string action)
    {
        var e = Assert.Single(all, e => e.Action == action);
        Assert.Equal("success", e.Outcome);
        return (e.Target, e.Detail);
    }

    private static async Task<List<AuditRow>> ReadAsync(HttpClient admin, string query)
    {
        var rows = await admin.GetFromJsonAsync<List<AuditRow>>(new Uri("/admin/audit" + query, UriKind.Relative), Ct);
        return rows ?? [];
    }

    private sealed record AuditRow(string Id, DateTimeOffset Time, string Actor, string ActorSession, string Action, string Target, string Outcome, string ClientAddress, string Detail);
}
