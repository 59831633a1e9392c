using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterSessionStoreTests(RedisClusterFixture fixture) : RedisSessionStoreTests(new RedisTestContext(fixture));
