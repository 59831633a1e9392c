using AtotiAuth.Testing;

[assembly: AssemblyFixture(typeof(RedisFixture))]
[assembly: AssemblyFixture(typeof(OpenLdapFixture))]
[assembly: AssemblyFixture(typeof(OidcProviderFixture))]
