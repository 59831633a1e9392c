using AtotiAuth.Testing;

// One Redis for the whole run; each test host uses its own key prefix.
[assembly: AssemblyFixture(typeof(RedisFixture))]
[assembly: AssemblyFixture(typeof(OpenLdapFixture))]
[assembly: AssemblyFixture(typeof(OidcProviderFixture))]
