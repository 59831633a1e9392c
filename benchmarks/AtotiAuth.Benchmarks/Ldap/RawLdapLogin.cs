using System.DirectoryServices.Protocols;
using System.Net;

namespace AtotiAuth.Benchmarks.Ldap;

/// <summary>
/// The same directory work a login does, done straight with System.DirectoryServices.Protocols: the
/// user searched over a kept-open service connection, a bind as the user on a new connection while
/// another thread checks the account over the service connection (as the provider overlaps them), his
/// groups searched. The yardstick the provider's overhead is measured against.
/// </summary>
internal sealed class RawLdapLogin(int port) : IDisposable
{
    private readonly LdapConnection _service = Connect(port, new NetworkCredential("cn=svc,ou=services,dc=example,dc=com", "svc-pass"));

    public void LogIn(string uid, string password)
    {
        var user = (SearchResponse)_service.SendRequest(new SearchRequest("ou=people,dc=example,dc=com", $"(uid={uid})", SearchScope.Subtree, "1.1"));
        var dn = user.Entries[0].DistinguishedName;
        var check = Task.Run(() => _service.SendRequest(new SearchRequest(dn, "(|(pwdAccountLockedTime=*)(nsAccountLock=TRUE))", SearchScope.Base, "1.1")));
        using (Connect(port, new NetworkCredential(dn, password)))
        {
        }

        check.GetAwaiter().GetResult();

        _service.SendRequest(new SearchRequest("ou=groups,dc=example,dc=com", $"(uniqueMember={dn})", SearchScope.Subtree, "cn"));
    }

    public void Dispose() => _service.Dispose();

    private static LdapConnection Connect(int port, NetworkCredential credential)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", port)) { AuthType = AuthType.Basic, Timeout = TimeSpan.FromSeconds(10) };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind(credential);
        return connection;
    }
}
