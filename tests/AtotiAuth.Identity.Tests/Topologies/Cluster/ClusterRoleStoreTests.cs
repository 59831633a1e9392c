using AtotiAuth.Identity.Tests.Roles;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterRoleStoreTests(RedisClusterFixture fixture) : RedisRoleStoreTests(new RedisTestContext(fixture));
