using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Tests.Throttling;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterLoginAttemptStoreTests(RedisClusterFixture fixture) : RedisLoginAttemptStoreTests(new RedisTestContext(fixture));
