using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Shared.Tests.Hosting;

public sealed class HotPathServicesTests
{
    [Theory]
    [InlineData(typeof(IAuthorizationService))]
    [InlineData(typeof(IAuthorizationHandlerProvider))]
    [InlineData(typeof(IAuthorizationHandlerContextFactory))]
    [InlineData(typeof(IAuthorizationEvaluator))]
    [InlineData(typeof(IAuthorizationPolicyProvider))]
    [InlineData(typeof(IPolicyEvaluator))]
    public void AddHotPathAuthorization_StatelessAuthorizationService_IsOneInstanceAcrossRequests(Type service)
    {
        using var provider = Build();
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        Assert.Same(first.ServiceProvider.GetRequiredService(service), second.ServiceProvider.GetRequiredService(service));
    }

    [Fact]
    public void AddHotPathAuthorization_HandlerProvider_StaysOnePerRequest()
    {
        using var provider = Build();
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        var handlers = first.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>();
        Assert.Same(handlers, first.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>());
        Assert.NotSame(handlers, second.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>());
    }

    [Theory]
    [InlineData(typeof(PolicySchemeHandler))]
    [InlineData(typeof(AtotiAuthJwtHandler))]
    public void Handlers_AreMadeByOneDelegate_NewForEachRequest(Type handler)
    {
        var services = Services();
        var registrations = services.Where(d => d.ServiceType == handler).ToList();
        using var provider = services.BuildServiceProvider(validateScopes: true);
        using var scope = provider.CreateScope();

        var registration = Assert.Single(registrations);
        Assert.NotNull(registration.ImplementationFactory);
        Assert.Equal(ServiceLifetime.Transient, registration.Lifetime);
        Assert.NotSame(scope.ServiceProvider.GetRequiredService(handler), scope.ServiceProvider.GetRequiredService(handler));
    }

    private static ServiceProvider Build() => Services().BuildServiceProvider(validateScopes: true);

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddAuthentication()
            .AddAtotiAuthJwt(static o => o.Authority = "https://auth.example.com")
            .AddPolicyScheme("either", "either", static o => o.ForwardDefault = AtotiAuthJwtExtensions.DefaultScheme);
        services.AddAuthorization();
        services.AddHotPathAuthorization();
        return services;
    }
}
