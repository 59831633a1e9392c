using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>Groups of groups: followed only when configured, cycles end, depth is bounded.</summary>
public sealed class LdapNestedGroupTests(RedisFixture redis, OpenLdapFixture ldap)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("true", "5", HttpStatusCode.OK)]
    [InlineData("false", "5", HttpStatusCode.Forbidden)]
    [InlineData("true", "1", HttpStatusCode.Forbidden)]
    public async Task Login_UserInNestedGroup_MappedRoleOnlyWithinConfiguredNesting(string nested, string depth, HttpStatusCode expected)
    {
        var id = await SeedAsync();
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:NestedGroups"] = nested,
            ["AtotiAuth:Identity:Ldap:MaxNestingDepth"] = depth,
            [$"AtotiAuth:Identity:Ldap:RoleMapping:OUTER-{id}:0"] = "ROLE_USER",
        });

        var (status, roles, _) = await app.LoginAndGetJwtAsync($"carol-{id}", "carol-pass");

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(["ROLE_USER"], roles);
        }
    }

    /// <summary>carol ∈ inner ∈ middle ∈ outer ∈ inner (a cycle); only outer is mapped, two levels up.</summary>
    private async Task<string> SeedAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var groups = $"ou=groups,{OpenLdapFixture.BaseDn}";
        await ldap.AddAsync(
            $"""
            dn: uid=carol-{id},ou=people,{OpenLdapFixture.BaseDn}
            objectClass: inetOrgPerson
            uid: carol-{id}
            cn: Carol
            sn: Nested
            userPassword: carol-pass

            dn: cn=inner-{id},{groups}
            objectClass: groupOfUniqueNames
            cn: inner-{id}
            uniqueMember: uid=carol-{id},ou=people,{OpenLdapFixture.BaseDn}

            dn: cn=middle-{id},{groups}
            objectClass: groupOfUniqueNames
            cn: middle-{id}
            uniqueMember: cn=inner-{id},{groups}

            dn: cn=outer-{id},{groups}
            objectClass: groupOfUniqueNames
            cn: outer-{id}
            uniqueMember: cn=middle-{id},{groups}

            dn: cn=cycle-{id},{groups}
            objectClass: groupOfUniqueNames
            cn: cycle-{id}
            uniqueMember: cn=outer-{id},{groups}
            uniqueMember: cn=inner-{id},{groups}

            """, Ct);
        return id;
    }
}
