using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterEphemeralStoreTests(RedisClusterFixture fixture) : RedisEphemeralStoreTests(new RedisTestContext(fixture));
