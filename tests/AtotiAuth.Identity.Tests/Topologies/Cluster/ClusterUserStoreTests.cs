using AtotiAuth.Identity.Tests.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterUserStoreTests(RedisClusterFixture fixture) : RedisUserStoreTests(new RedisTestContext(fixture));
