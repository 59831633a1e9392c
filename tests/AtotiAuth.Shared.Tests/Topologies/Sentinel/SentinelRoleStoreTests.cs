using AtotiAuth.Shared.Tests.Roles;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelRoleStoreTests(RedisSentinelFixture fixture) : RedisRoleStoreTests(new RedisTestContext(fixture));
