using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelEphemeralStoreTests(RedisSentinelFixture fixture) : RedisEphemeralStoreTests(new RedisTestContext(fixture));
