using System.DirectoryServices.Protocols;
using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Infrastructure;

public sealed class OpenLdapFixtureTests(OpenLdapFixture ldap)
{
    [Fact]
    public void Ldap_BindAsUserThenSearchGroups_FindsTheUsersGroups()
    {
        ldap.EnsureAvailable();
        using var connection = new LdapConnection(new LdapDirectoryIdentifier(ldap.Host, ldap.Port))
        {
            AuthType = AuthType.Basic,
            Timeout = TimeSpan.FromSeconds(10),
        };
        connection.SessionOptions.ProtocolVersion = 3;

        connection.Bind(new NetworkCredential("uid=alice,ou=people,dc=example,dc=com", "alice-pass"));
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(
            "ou=groups," + OpenLdapFixture.BaseDn,
            "(uniqueMember=uid=alice,ou=people,dc=example,dc=com)",
            SearchScope.Subtree,
            "cn"));

        var groups = response.Entries.Cast<SearchResultEntry>().Select(e => (string)e.Attributes["cn"][0]).Order(StringComparer.Ordinal);
        Assert.Equal(["ROLE_ATOTI_USER", "staff"], groups);
    }

    [Fact]
    public void Ldap_BindWithWrongPassword_IsRefused()
    {
        ldap.EnsureAvailable();
        using var connection = new LdapConnection(new LdapDirectoryIdentifier(ldap.Host, ldap.Port)) { AuthType = AuthType.Basic };
        connection.SessionOptions.ProtocolVersion = 3;

        var error = Assert.Throws<LdapException>(() => connection.Bind(new NetworkCredential("uid=alice,ou=people,dc=example,dc=com", "wrong")));

        Assert.Equal(49, error.ErrorCode);
    }
}
