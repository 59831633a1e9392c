using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelRevocationStoreTests(RedisSentinelFixture fixture) : RedisRevocationStoreTests(new RedisTestContext(fixture));
