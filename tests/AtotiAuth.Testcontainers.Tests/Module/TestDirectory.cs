using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;

namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>The test directory (tests/containers/openldap) on a system's network, and the identity settings that read it over plain LDAP.</summary>
public static class TestDirectory
{
    public const string Alias = "ldap";

    public static IContainer Build(INetwork network) => new ContainerBuilder(TestImages.OpenLdap)
        .WithNetwork(network)
        .WithNetworkAliases(Alias)
        .WithEnvironment("LDAP_LOG_LEVEL", "0")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("slapd ready"))
        .Build();

    public static AtotiAuthIdentityBuilder WithTestDirectory(this AtotiAuthIdentityBuilder identity) => identity
        .WithEnvironment("AtotiAuth__Identity__Ldap__Url", $"ldap://{Alias}:389")
        .WithEnvironment("AtotiAuth__Identity__Ldap__AllowPlainText", "true")
        .WithEnvironment("AtotiAuth__Identity__Ldap__BaseDn", OpenLdapFixture.BaseDn)
        .WithEnvironment("AtotiAuth__Identity__Ldap__ManagerDn", OpenLdapFixture.ServiceDn)
        .WithEnvironment("AtotiAuth__Identity__Ldap__ManagerPassword", OpenLdapFixture.ServicePassword)
        .WithEnvironment("AtotiAuth__Identity__Ldap__UserSearchBase", "ou=people")
        .WithEnvironment("AtotiAuth__Identity__Ldap__GroupSearchBase", "ou=groups");
}
