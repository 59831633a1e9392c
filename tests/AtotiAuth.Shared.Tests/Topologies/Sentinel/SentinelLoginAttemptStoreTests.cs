using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Tests.Throttling;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

[Collection(SentinelTopology.Name)]
public sealed class SentinelLoginAttemptStoreTests(RedisSentinelFixture fixture) : RedisLoginAttemptStoreTests(new RedisTestContext(fixture));
