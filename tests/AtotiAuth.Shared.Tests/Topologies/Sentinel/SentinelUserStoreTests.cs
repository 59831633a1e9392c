using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Tests.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelUserStoreTests(RedisSentinelFixture fixture) : RedisUserStoreTests(new RedisTestContext(fixture));
