using AtotiAuth.Identity.Kerberos;
using AtotiAuth.Identity.Ldap;
using AtotiAuth.Testing;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Tests.Kerberos;

public sealed class KerberosOptionsValidatorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("atotiauth-kerberos-tests-");
    private readonly string _keytab;

    public KerberosOptionsValidatorTests()
        => _keytab = new TestKeytab()
            .Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 2)
            .Key("EXAMPLE.COM", ["HTTP", "other.example.com"], kvno: 1)
            .WriteTo(_folder.FullName);

    public void Dispose() => _folder.Delete(recursive: true);

    private KerberosOptions Valid() => new() { ServicePrincipal = "HTTP/auth.example.com", Keytab = _keytab };

    private static string? Failure(KerberosOptions options, LdapOptions? ldap = null)
    {
        var result = new KerberosOptionsValidator(Options.Create(ldap ?? new LdapOptions())).Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void Validate_NoServicePrincipal_ProviderOffAndValid()
        => Assert.Null(Failure(new KerberosOptions { Keytab = "/no/such/keytab" }));

    [Fact]
    public void Validate_PrincipalAndItsKeytab_Valid()
        => Assert.Null(Failure(Valid()));

    [Theory]
    [InlineData("HTTP/auth.example.com:8443", "without a port")]
    [InlineData("auth.example.com", "must be a service principal")]
    [InlineData("HTTP/", "must be a service principal")]
    [InlineData("HTTP/a/b", "must be a service principal")]
    public void Validate_ServicePrincipal_NamesTheKeyAndTheShape(string principal, string expected)
    {
        var options = Valid();
        options.ServicePrincipal = principal;

        var failure = Failure(options);

        Assert.Contains("AtotiAuth:Identity:Kerberos:ServicePrincipal", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingKeytab_NamesTheKeyAndTheFile()
    {
        var options = Valid();
        options.Keytab = Path.Combine(_folder.FullName, "missing.keytab");

        var failure = Failure(options);

        Assert.Contains("AtotiAuth:Identity:Kerberos:Keytab", failure, StringComparison.Ordinal);
        Assert.Contains("missing.keytab' cannot be read", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeytabWithoutThePrincipal_SaysWhatItHolds()
    {
        var options = Valid();
        options.ServicePrincipal = "HTTP/elsewhere.example.com";

        var failure = Failure(options);

        Assert.Contains("holds no key for HTTP/elsewhere.example.com", failure, StringComparison.Ordinal);
        Assert.Contains("HTTP/auth.example.com@EXAMPLE.COM, HTTP/other.example.com@EXAMPLE.COM", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FileThatIsNoKeytab_Refused()
    {
        var options = Valid();
        options.Keytab = Path.Combine(_folder.FullName, "krb5.conf");
        File.WriteAllText(options.Keytab, "[libdefaults]\n");

        Assert.Contains("is not a keytab", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrincipalInTwoRealmsWithoutRealm_AsksForIt()
    {
        var options = Valid();
        options.Keytab = new TestKeytab()
            .Key("ONE.EXAMPLE", ["HTTP", "auth.example.com"], kvno: 1)
            .Key("TWO.EXAMPLE", ["HTTP", "auth.example.com"], kvno: 1)
            .WriteTo(_folder.FullName);

        Assert.Contains("in several realms (ONE.EXAMPLE, TWO.EXAMPLE)", Failure(options), StringComparison.Ordinal);
        options.ServicePrincipal = "HTTP/auth.example.com@TWO.EXAMPLE";
        Assert.Null(Failure(options));
    }

    [Fact]
    public void Validate_TwoRealmsAllowedWithRealmStripped_Refused()
    {
        var options = Valid();
        options.AllowedRealms.Add("EXAMPLE.COM");
        options.AllowedRealms.Add("PARTNER.EXAMPLE");

        Assert.Contains("AtotiAuth:Identity:Kerberos:KeepRealm", Failure(options), StringComparison.Ordinal);
        options.KeepRealm = true;
        Assert.Null(Failure(options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("EXAMPLE COM")]
    [InlineData("user@EXAMPLE.COM")]
    public void Validate_MalformedRealm_NamesItsIndex(string realm)
    {
        var options = Valid();
        options.AllowedRealms.Add(realm);

        Assert.Contains("AtotiAuth:Identity:Kerberos:AllowedRealms:0", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LdapGroupsWithoutLdap_Refused()
    {
        var options = Valid();
        options.LdapGroups = true;

        var failure = Failure(options);

        Assert.Contains("AtotiAuth:Identity:Kerberos:LdapGroups", failure, StringComparison.Ordinal);
        Assert.Contains("needs the LDAP provider", failure, StringComparison.Ordinal);
        Assert.Null(Failure(options, new LdapOptions { Url = "ldaps://dir.example.com" }));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public void Validate_ClockSkewOutOfRange_Refused(string skew)
    {
        var options = Valid();
        options.MaxClockSkew = TimeSpan.Parse(skew, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("AtotiAuth:Identity:Kerberos:MaxClockSkew", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyRoleName_Refused()
    {
        var options = Valid();
        options.DefaultRoles.Add(" ");

        Assert.Contains("must not contain empty role names", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadError_LibraryNotInstalled_SaysWhichPackageToInstall()
        => Assert.Contains("install the package libgssapi-krb5-2", GssapiLibrary.LoadError("libgssapi_not_installed.so.9"), StringComparison.Ordinal);
}
