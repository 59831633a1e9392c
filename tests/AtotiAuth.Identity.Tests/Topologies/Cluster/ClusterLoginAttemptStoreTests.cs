using AtotiAuth.Identity.Tests.Throttling;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterLoginAttemptStoreTests(RedisClusterFixture fixture) : RedisLoginAttemptStoreTests(new RedisTestContext(fixture));
