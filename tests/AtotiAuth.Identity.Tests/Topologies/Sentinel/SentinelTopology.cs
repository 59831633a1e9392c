using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Topologies.Sentinel;

/// <summary>One Redis Sentinel (one primary, one replica and three Sentinels) for every test class of the collection: started once per run.</summary>
[CollectionDefinition(Name)]
public sealed class SentinelTopology : ICollectionFixture<RedisSentinelFixture>
{
    public const string Name = "Redis Sentinel";
}
