using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Cluster;

/// <summary>One Redis Cluster (three primaries with a replica each) for every test class of the collection: started once per run.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterTopology : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis Cluster";
}
