using AtotiAuth.Identity.Tests.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelUserStoreTests(RedisSentinelFixture fixture) : RedisUserStoreTests(new RedisTestContext(fixture));
