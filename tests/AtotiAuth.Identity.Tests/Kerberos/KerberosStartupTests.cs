using AtotiAuth.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Identity.Tests.Kerberos;

public sealed class KerberosStartupTests
{
    [Fact]
    public void Start_KeytabMissing_RefusesNamingTheKey()
    {
        using var factory = new WebApplicationFactory<IdentityServiceMarker>().WithWebHostBuilder(b => b
            .UseSetting("AtotiAuth:Store:Redis", "127.0.0.1:1,connectTimeout=200")
            .UseSetting("AtotiAuth:Identity:Kerberos:ServicePrincipal", "HTTP/auth.example.com")
            .UseSetting("AtotiAuth:Identity:Kerberos:Keytab", "/no/such/service.keytab"));

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        var messages = StartupFailure.AllMessages(error);
        Assert.Contains("AtotiAuth:Identity:Kerberos:Keytab", messages, StringComparison.Ordinal);
        Assert.Contains("'/no/such/service.keytab' cannot be read", messages, StringComparison.Ordinal);
    }
}
