using System.Reflection;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Integration.Tests.Conventions;

/// <summary>
/// Rules of STYLE.md §20 checked on the services as they start: every endpoint says who may call it,
/// and every options class a service binds is validated at start.
/// </summary>
public sealed class ConventionTests(RedisFixture redis) : IDisposable
{
    private readonly TestKeyDirectory _keys = new();

    public static TheoryData<string> Services => ["identity", "token", "ping"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Endpoints_EveryOne_DeclaresItsAuthorization(string service)
    {
        redis.EnsureAvailable();
        var (services, owner) = Start(service);
        using var _ = owner;

        var endpoints = services.GetServices<EndpointDataSource>().SelectMany(static s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        var undeclared = endpoints
            .Where(static e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(static e => e.RoutePattern.RawText)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.Empty(undeclared);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Options_EveryBoundClass_HasAValidator(string service)
    {
        redis.EnsureAvailable();
        var (services, owner) = Start(service);
        using var _ = owner;

        var bound = OptionsTypes().Where(t => services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(t)).Any()).ToList();
        var unvalidated = bound
            .Where(t => !services.GetServices(typeof(IValidateOptions<>).MakeGenericType(t)).Any())
            .Select(static t => t.FullName)
            .ToList();

        Assert.NotEmpty(bound);
        Assert.Empty(unvalidated);
    }

    public void Dispose() => _keys.Dispose();

    private sealed class Owners(params IDisposable[] owned) : IDisposable
    {
        public void Dispose()
        {
            foreach (var o in owned)
            {
                o.Dispose();
            }
        }
    }

    /// <summary>Our options classes: named *Options, with the SectionName they bind to.</summary>
    private static IEnumerable<Type> OptionsTypes() =>
        new[] { typeof(Shared.Store.StoreOptions).Assembly, typeof(global::AtotiAuth.Identity.IdentityServiceMarker).Assembly, typeof(global::AtotiAuth.Token.TokenServiceMarker).Assembly, typeof(global::AtotiAuth.Ping.PingServiceMarker).Assembly }
            .SelectMany(static a => a.GetTypes())
            .Where(static t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)
                && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null);

    private (IServiceProvider Services, IDisposable Owner) Start(string service)
    {
        if (!Directory.EnumerateFiles(_keys.Path).Any())
        {
            _keys.AddRsaPem("k1");
        }

        var settings = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = $"conventions:{Guid.NewGuid():N}:",
            ["AtotiAuth:Token:Issuer"] = "http://127.0.0.1:1",
            ["AtotiAuth:Token:Signing:KeyDirectory"] = _keys.Path,
            ["AtotiAuth:Jwt:Authority"] = "http://127.0.0.1:1",
            ["AtotiAuth:Jwt:AllowHttpAuthority"] = "true",
            ["AtotiAuth:Ping:CubeUrl"] = "http://127.0.0.1:1",
            ["AtotiAuth:Ping:CubeId"] = "cube",
        };
        return service switch
        {
            "identity" => Started(new WebApplicationFactory<global::AtotiAuth.Identity.IdentityServiceMarker>(), settings),
            "token" => Started(new WebApplicationFactory<global::AtotiAuth.Token.TokenServiceMarker>(), settings),
            _ => Started(new WebApplicationFactory<global::AtotiAuth.Ping.PingServiceMarker>(), settings),
        };
    }

    private static (IServiceProvider Services, IDisposable Owner) Started<T>(WebApplicationFactory<T> factory, Dictionary<string, string?> settings)
        where T : class
    {
        var configured = factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return (configured.Services, new Owners(configured, factory));
    }
}
