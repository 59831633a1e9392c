using AtotiAuth.Testing;

// One Redis container for the whole assembly (the store contract suites); each test class keys its data under its own prefix.
[assembly: AssemblyFixture(typeof(RedisFixture))]
