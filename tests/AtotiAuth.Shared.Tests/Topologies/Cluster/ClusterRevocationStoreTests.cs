using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterRevocationStoreTests(RedisClusterFixture fixture) : RedisRevocationStoreTests(new RedisTestContext(fixture));
