using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Sessions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The store operations a request makes, through the stores exactly as the services register them: a
/// real Redis (the one the run started, <c>ATOTIAUTH_BENCH_REDIS</c>, else one started here with
/// host networking) beside the in-memory store of the standalone host. One operation at a time, so a
/// Redis figure is a round trip plus the client's work.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    public const string RedisVariable = "ATOTIAUTH_BENCH_REDIS";

    private RedisContainer? _ownRedis;
    private IHost _host = null!;
    private ISessionStore _sessions = null!;
    private IRevocationStore _revocations = null!;
    private IUserStore _users = null!;
    private RoleResolver _resolver = null!;
    private IssuedSession _session = null!;
    private RoleResolutionRequest _roles = null!;

    [Params("Redis", "InMemory")]
    public string Store { get; set; } = "Redis";

    [GlobalSetup]
    public async Task Setup()
    {
        string? redis = null;
        if (Store == "Redis")
        {
            redis = Environment.GetEnvironmentVariable(RedisVariable);
            if (string.IsNullOrEmpty(redis))
            {
                _ownRedis = await RedisContainer.StartAsync();
                redis = _ownRedis.ConnectionString;
            }
        }

        _host = StoreHost.Build(redis, $"bench-micro-{Guid.NewGuid():N}:");
        var services = _host.Services;
        _sessions = services.GetRequiredService<ISessionStore>();
        _revocations = services.GetRequiredService<IRevocationStore>();
        _users = services.GetRequiredService<IUserStore>();
        var roles = services.GetRequiredService<IRoleStore>();
        _resolver = new RoleResolver(roles);
        _session = await _sessions.CreateAsync(new NewSession("alice.smith", "basic", ["ROLE_USER", "ROLE_CUBE_1"]));
        await _users.CreateAsync(new BasicUser("alice.smith", "AQAAAAIAAYagAAAAEJ0bench0hash0placeholder0", UserStatus.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await SeedRolesAsync(roles, "basic", new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["user:alice.smith"] = ["ROLE_CUBE_2"] });
        await roles.SetIndividualRolesAsync("basic", "alice.smith", ["ROLE_USER"]);
        _roles = new RoleResolutionRequest("basic", "alice.smith", []);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _host.Dispose();
        if (_ownRedis is not null)
        {
            await _ownRedis.DisposeAsync();
        }
    }

    /// <summary>A provider's mapping and default roles, as an administrator would set them.</summary>
    public static async Task SeedRolesAsync(IRoleStore store, string provider, IReadOnlyDictionary<string, IReadOnlyList<string>> mapping)
    {
        foreach (var (key, roles) in mapping)
        {
            await store.SetRoleMappingAsync(provider, key, roles);
        }

        await store.SetDefaultRolesAsync(provider, ["ROLE_GUEST"]);
    }

    [Benchmark]
    public Task<IssuedSession> SessionCreate() => _sessions.CreateAsync(new NewSession("bob.jones", "basic", ["ROLE_USER"]));

    [Benchmark]
    public Task<Session?> SessionGet() => _sessions.GetAsync(_session.Session.Id);

    [Benchmark]
    public Task<Session?> SessionAuthenticate() => _sessions.AuthenticateAsync(_session.Ticket);

    /// <summary>A revocation needs a live session: create, then revoke (subtract <see cref="SessionCreate"/>).</summary>
    [Benchmark]
    public async Task<bool> SessionCreateThenRevoke()
    {
        var issued = await _sessions.CreateAsync(new NewSession("carol.white", "basic", ["ROLE_USER"]));
        return await _sessions.RevokeAsync(issued.Session.Id);
    }

    [Benchmark]
    public Task<bool> RevocationCheck() => _revocations.IsRevokedAsync(_session.Session.Id);

    [Benchmark]
    public Task<BasicUser?> UserFind() => _users.FindAsync("alice.smith");

    [Benchmark]
    public Task<IReadOnlyList<string>> RolesResolve() => _resolver.ResolveAsync(_roles);
}
