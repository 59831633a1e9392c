using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Identity.Roles;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// Role resolution at login (services/identity/Roles/RoleResolver): the rule alone over a provider's mapping of
/// 10 or 1,000 entries, for an LDAP user (five groups, upper-case matching) and an OIDC user (ordinal),
/// and the whole resolution against the in-memory store (the Redis one is in <see cref="StoreBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class RoleResolverBenchmarks
{
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _mapping = null!;
    private RoleResolutionRequest _ldap = null!;
    private RoleResolutionRequest _oidc = null!;
    private IHost _host = null!;
    private RoleResolver _resolver = null!;

    [Params(10, 1000)]
    public int MappingEntries { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var mapping = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < MappingEntries; i++)
        {
            mapping[$"ROLE_GROUP_{i}"] = [$"ROLE_CUBE_{i % 7}", "ROLE_USER"];
        }

        _mapping = mapping;
        string[] groups = ["role_group_1", "role_group_3", "role_group_5", "unmapped_a", "unmapped_b"];
        _ldap = new RoleResolutionRequest("ldap", "alice", groups, RoleKeyComparison.UpperCase);
        _oidc = new RoleResolutionRequest("oidc", "alice", ["ROLE_GROUP_1", "ROLE_GROUP_3", "ROLE_GROUP_5", "other-a", "other-b"]);

        _host = StoreHost.Build(redis: null, "bench-roles:");
        var store = _host.Services.GetRequiredService<IRoleStore>();
        await StoreBenchmarks.SeedRolesAsync(store, "ldap", mapping);
        _resolver = new RoleResolver(store);
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark]
    public IReadOnlyList<string> CombineLdapUpperCase() => RoleResolver.Combine(_ldap, ["ROLE_ANALYST"], _mapping, ["ROLE_GUEST"]);

    [Benchmark]
    public IReadOnlyList<string> CombineOidcOrdinal() => RoleResolver.Combine(_oidc, [], _mapping, ["ROLE_GUEST"]);

    [Benchmark]
    public Task<IReadOnlyList<string>> ResolveInMemoryStore() => _resolver.ResolveAsync(_ldap);
}
