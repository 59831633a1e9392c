using AtotiAuth.Identity.Tests.Throttling;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelLoginAttemptStoreTests(RedisSentinelFixture fixture) : RedisLoginAttemptStoreTests(new RedisTestContext(fixture));
