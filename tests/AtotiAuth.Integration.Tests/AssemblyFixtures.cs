using AtotiAuth.Testing;

// One container of each for the whole run; each test host uses its own key prefix, seed or client.
[assembly: AssemblyFixture(typeof(RedisFixture))]
[assembly: AssemblyFixture(typeof(OpenLdapFixture))]
[assembly: AssemblyFixture(typeof(OidcProviderFixture))]
