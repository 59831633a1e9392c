using AtotiAuth.Identity.Tests.Roles;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelRoleStoreTests(RedisSentinelFixture fixture) : RedisRoleStoreTests(new RedisTestContext(fixture));
