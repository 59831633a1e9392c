using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelSessionStoreTests(RedisSentinelFixture fixture) : RedisSessionStoreTests(new RedisTestContext(fixture));
