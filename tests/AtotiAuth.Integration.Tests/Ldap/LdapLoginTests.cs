using System.Globalization;
using System.Net;
using AtotiAuth.Identity;
using AtotiAuth.Identity.Ldap;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>LDAP logins against the real OpenLDAP, over StartTLS with the test CA, roles read back from <c>/jwt</c>.</summary>
public sealed class LdapLoginTests(RedisFixture redis, OpenLdapFixture ldap)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_LdapUserInMappedGroup_SessionHasMappedRole()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        var (status, roles, subject) = await app.LoginAndGetJwtAsync("alice", "alice-pass");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["ROLE_USER"], roles);
        Assert.Equal("alice", subject);
    }

    [Fact]
    public async Task Login_LdapUserManyAtOnce_NeverLockedOut()
    {
        // Regression: the basic check counted a failure for every directory user before LDAP vouched for
        // them, so more concurrent logins than MaxFailuresPerUser locked a legitimate user out.
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Throttling:MaxFailuresPerUser"] = "3",
        });

        var logins = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.LoginAsync("alice", "alice-pass")));

        Assert.All(logins, static r => Assert.Equal(HttpStatusCode.Found, r.StatusCode));
        foreach (var login in logins)
        {
            login.Dispose();
        }
    }

    [Fact]
    public async Task Login_LdapUserThroughForm_RedirectsWithSessionCookie()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);
        using var browser = app.Identity.CreateClient();

        using var login = await IdentityApp.LoginWithFormAsync(browser, "alice", "alice-pass", "/ui/");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/ui/", login.Headers.Location?.OriginalString);
        var (status, roles, _) = await app.JwtAsync(IdentityApp.SessionSetCookie(login)!.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["ROLE_USER"], roles);
    }

    [Fact]
    public async Task Login_BasicChallengeMode_LdapUserLogsInWithTheBrowserPrompt()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?> { ["AtotiAuth:Identity:LoginMode"] = "Basic" });
        using var client = app.Identity.CreateClient();

        using var challenge = await client.GetAsync(new Uri("/login", UriKind.Relative), Ct);
        using var login = await app.LoginAsync("alice", "alice-pass");

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Contains(challenge.Headers.WwwAuthenticate, static h => h.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.NotNull(IdentityApp.SessionSetCookie(login));
    }

    [Fact]
    public async Task Login_UsernameCaseConversionUpper_SessionNamedUpperCase()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?> { ["AtotiAuth:Identity:Ldap:UsernameCaseConversion"] = "Upper" });

        var (status, _, subject) = await app.LoginAndGetJwtAsync("alice", "alice-pass");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ALICE", subject);
    }

    [Theory]
    [InlineData("alice", "wrong-pass")]
    [InlineData("nobody", "alice-pass")]
    [InlineData(LdapTestApp.TechUser, "wrong-pass")]
    public async Task Login_WrongPasswordOrUnknownUser_SameAnswerAsBasic(string userName, string password)
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        using var response = await app.LoginAsync(userName, password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(response));
        Assert.Null(IdentityApp.SessionSetCookie(response));
    }

    [Fact]
    public async Task Login_EmptyPassword_RefusedWithoutAnyBind()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);
        var connector = app.Identity.Get<LdapConnector>();

        using var response = await app.LoginAsync("alice", "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(response));
        Assert.Equal(0, connector.OpenedCount);
    }

    [Fact]
    public async Task Login_PasswordWithNul_RefusedNotTruncated()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        using var response = await app.LoginAsync("alice", "alice-pass\0anything");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData("alice)(|(uid=*")]
    [InlineData("al*")]
    [InlineData("\\2a")]
    [InlineData("alice\\00")]
    [InlineData("alice\0")]
    [InlineData("*)(|(objectClass=*")]
    [InlineData("alice)(uid=alice")]
    public async Task Login_InjectionInUserName_Refused(string userName)
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        using var response = await app.LoginAsync(userName, "alice-pass");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(response));
    }

    [Fact]
    public async Task AdminApi_LdapAdminByAuthorizationBasic_Allowed()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:RoleMapping:ROLE_ATOTI_ADMIN:0"] = "ROLE_ADMIN",
        });
        using var client = app.Identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", "admin-pass");

        using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Jwt_LdapUserWithoutRequiredRole_Returns403()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        var (status, _, _) = await app.LoginAndGetJwtAsync("bob", "bob-pass");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Login_MappingAndDefaultRolesChangedThroughAdminApi_ApplyAtNextLogin()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.LoginAndGetJwtAsync("bob", "bob-pass")).Status);

        // Lower-case key against the group "staff": LDAP role names compare upper-cased, as in Atoti.
        await app.PutAsync("/admin/providers/ldap/role-mapping/Staff", ["ROLE_USER", "ROLE_SHARE"]);
        var mapped = await app.LoginAndGetJwtAsync("bob", "bob-pass");
        await app.PutAsync("/admin/providers/ldap/role-mapping/Staff", []);
        await app.PutAsync("/admin/providers/ldap/default-roles", ["ROLE_USER"]);
        var defaulted = await app.LoginAndGetJwtAsync("bob", "bob-pass");
        var aliceKeepsMapped = await app.LoginAndGetJwtAsync("alice", "alice-pass");

        Assert.Equal(["ROLE_SHARE", "ROLE_USER"], mapped.Roles);
        Assert.Equal(["ROLE_USER"], defaulted.Roles);
        Assert.Equal(["ROLE_USER"], aliceKeepsMapped.Roles);
    }

    [Fact]
    public async Task Login_DuplicateUserEntries_Refused()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        await ldap.AddAsync(
            $"""
            dn: ou=dup-{id},{OpenLdapFixture.BaseDn}
            objectClass: organizationalUnit
            ou: dup-{id}

            dn: uid=twin-{id},ou=dup-{id},{OpenLdapFixture.BaseDn}
            objectClass: inetOrgPerson
            uid: twin-{id}
            cn: Twin One
            sn: One
            userPassword: twin-pass

            dn: uid=twin-{id},ou=people,{OpenLdapFixture.BaseDn}
            objectClass: inetOrgPerson
            uid: twin-{id}
            cn: Twin Two
            sn: Two
            userPassword: twin-pass

            """, Ct);
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?> { ["AtotiAuth:Identity:Ldap:UserSearchBase"] = "" });

        using var response = await app.LoginAsync($"twin-{id}", "twin-pass");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(response));
    }

    // Pool size 0 keeps no idle connection: the check is then made with the groups read, not during the bind.
    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public async Task Login_DisabledAccount_Refused(int poolSize)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        await ldap.AddAsync(
            $"""
            dn: uid=gone-{id},ou=people,{OpenLdapFixture.BaseDn}
            objectClass: inetOrgPerson
            uid: gone-{id}
            cn: Gone
            sn: Gone
            employeeType: disabled
            userPassword: gone-pass

            """, Ct);
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:DisabledAccountFilter"] = "(employeeType=disabled)",
            ["AtotiAuth:Identity:Ldap:DefaultRoles:0"] = "ROLE_USER",
            ["AtotiAuth:Identity:Ldap:PoolSize"] = poolSize.ToString(CultureInfo.InvariantCulture),
        });

        using var refused = await app.LoginAsync($"gone-{id}", "gone-pass");
        using var wrongPassword = await app.LoginAsync($"gone-{id}", "not-the-pass");
        using var active = await app.LoginAsync("bob", "bob-pass");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(refused));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("invalid_credentials", await LdapTestApp.CodeAsync(wrongPassword));
        Assert.Equal(HttpStatusCode.Redirect, active.StatusCode);
    }

    [Fact]
    public async Task Login_SequentialLogins_ReuseOnePooledSearchConnection()
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);
        var connector = app.Identity.Get<LdapConnector>();

        for (var i = 0; i < 5; i++)
        {
            using var login = await app.LoginAsync("alice", "alice-pass");
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        // 5 user binds (one connection each, by design) + 1 service-account connection for the 10 searches
        // (the user; the account check and the groups together).
        Assert.Equal(6, connector.OpenedCount);
    }
}
