using AtotiAuth.Shared.Tests.Roles;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterRoleStoreTests(RedisClusterFixture fixture) : RedisRoleStoreTests(new RedisTestContext(fixture));
