using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Tests.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

[Collection(ClusterTopology.Name)]
public sealed class ClusterUserStoreTests(RedisClusterFixture fixture) : RedisUserStoreTests(new RedisTestContext(fixture));
