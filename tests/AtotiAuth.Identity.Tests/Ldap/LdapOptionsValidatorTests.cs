using AtotiAuth.Identity.Ldap;

namespace AtotiAuth.Identity.Tests.Ldap;

public sealed class LdapOptionsValidatorTests
{
    private static LdapOptions Valid() => new()
    {
        Url = "ldaps://dir.example.com",
        BaseDn = "dc=example,dc=com",
        ManagerDn = "cn=svc,dc=example,dc=com",
        ManagerPassword = "secret",
    };

    private static string? Failure(LdapOptions options)
    {
        var result = new LdapOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void Validate_Defaults_NoUrl_ProviderOffAndValid()
        => Assert.Null(Failure(new LdapOptions()));

    [Fact]
    public void Validate_AtotiDefaultsWithUrlAndBase_Valid()
        => Assert.Null(Failure(Valid()));

    [Fact]
    public void Validate_Disabled_NothingChecked()
        => Assert.Null(Failure(new LdapOptions { Enabled = false, Url = "nonsense" }));

    [Theory]
    [InlineData("ldap://dir.example.com", false, false, "AtotiAuth:Identity:Ldap:Url")]
    [InlineData("ldap://dir.example.com", false, true, null)]
    [InlineData("ldap://dir.example.com", true, false, null)]
    [InlineData("ldaps://dir.example.com", true, false, "AtotiAuth:Identity:Ldap:StartTls")]
    [InlineData("http://dir.example.com", false, false, "AtotiAuth:Identity:Ldap:Url")]
    [InlineData("ldaps://a ldap://b", false, false, "'ldap://b' would send passwords in clear")]
    public void Validate_Transport_PlainTextOnlyWhenAllowed(string url, bool startTls, bool allowPlainText, string? expected)
    {
        var options = Valid();
        options.Url = url;
        options.StartTls = startTls;
        options.AllowPlainText = allowPlainText;

        var failure = Failure(options);

        if (expected is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains(expected, failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ManagerDnWithoutPassword_NamesBothKeys()
    {
        var options = Valid();
        options.ManagerPassword = "";

        var failure = Failure(options);

        Assert.Contains("AtotiAuth:Identity:Ldap:ManagerDn", failure, StringComparison.Ordinal);
        Assert.Contains("AtotiAuth:Identity:Ldap:ManagerPassword", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(LdapOptions.BaseDn), "example.com")]
    [InlineData(nameof(LdapOptions.UserSearchFilter), "uid={0}")]
    [InlineData(nameof(LdapOptions.UserSearchFilter), "(uid=alice)")]
    [InlineData(nameof(LdapOptions.GroupSearchFilter), "(member=x)")]
    [InlineData(nameof(LdapOptions.DisabledAccountFilter), "nsAccountLock=TRUE")]
    [InlineData(nameof(LdapOptions.GroupRoleAttributeName), "c n")]
    [InlineData(nameof(LdapOptions.UserSearchBase), "people")]
    [InlineData(nameof(LdapOptions.CaCertificateFile), "/nonexistent/ca.pem")]
    public void Validate_BadValue_FailureNamesTheKey(string property, string value)
    {
        var options = Valid();
        typeof(LdapOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Contains($"AtotiAuth:Identity:Ldap:{property}", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LimitsOutOfRange_NamesEachKey()
    {
        var options = Valid();
        options.ConnectTimeout = TimeSpan.Zero;
        options.OperationTimeout = TimeSpan.FromHours(1);
        options.PoolSize = 1000;
        options.MaxNestingDepth = 0;
        options.MaxConnections = 0;
        options.QueueTimeout = TimeSpan.Zero;

        var failure = Failure(options);

        Assert.Contains("Ldap:MaxConnections", failure, StringComparison.Ordinal);
        Assert.Contains("Ldap:QueueTimeout", failure, StringComparison.Ordinal);
        Assert.Contains("Ldap:ConnectTimeout", failure, StringComparison.Ordinal);
        Assert.Contains("Ldap:OperationTimeout", failure, StringComparison.Ordinal);
        Assert.Contains("Ldap:PoolSize", failure, StringComparison.Ordinal);
        Assert.Contains("Ldap:MaxNestingDepth", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyRoleInMapping_NamesTheMappingKey()
    {
        var options = Valid();
        options.RoleMapping["ROLE_ATOTI_USER"] = ["ROLE_USER", " "];

        Assert.Contains("AtotiAuth:Identity:Ldap:RoleMapping:ROLE_ATOTI_USER", Failure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(uid={0})", null, "uid")]
    [InlineData("(sAMAccountName={0})", null, "sAMAccountName")]
    [InlineData("(&(objectClass=person)(uid={0}))", "uid", "uid")]
    [InlineData("(&(objectClass=person)(uid={0}))", null, null)]
    public void UserNameAttribute_FromASimpleFilterOrSet_RequiredOtherwise(string filter, string? configured, string? effective)
    {
        var options = Valid();
        options.UserSearchFilter = filter;
        options.UserNameAttribute = configured;

        Assert.Equal(effective, options.EffectiveUserNameAttribute);
        if (effective is null)
        {
            Assert.Contains("AtotiAuth:Identity:Ldap:UserNameAttribute", Failure(options), StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(Failure(options));
        }
    }

    [Fact]
    public void Validate_PoolLargerThanTheCap_NamesBothKeys()
    {
        var options = Valid();
        options.PoolSize = 10;
        options.MaxConnections = 4;

        var failure = Failure(options);

        Assert.Contains("Ldap:PoolSize", failure, StringComparison.Ordinal);
        Assert.Contains("Ldap:MaxConnections", failure, StringComparison.Ordinal);
    }
}
