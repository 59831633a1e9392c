using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Logout;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>The OpenID Connect concern (issue 7): providers, login flow, back-channel logout (docs/oidc.md).</summary>
internal static class OidcExtensions
{
    public static IHostApplicationBuilder AddOidc(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<OidcOptions, OidcOptionsValidator>(OidcOptions.SectionName);
        builder.AddAtotiAuthEphemeralStore();

        // The flow's state, nonce and correlation cookies are Data Protection payloads: the identity
        // service's shared key ring (AddAtotiAuthDataProtection) lets any replica finish a flow.
        // The schemes are named after the configured providers, which are known before the host is
        // built; their setup and HTTP client are registered only when there is one, as registering the
        // client loads System.Net.Http (about 1 MiB of idle memory).
        var authentication = services.AddAuthentication();
        var providers = Providers(builder.Configuration).ToList();
        foreach (var provider in providers)
        {
            authentication.AddOpenIdConnect(OidcSchemes.For(provider.Key), static _ => { });
        }

        if (providers.Count > 0)
        {
            AddSchemeSetup(services);
        }

        services.TryAddSingleton<ForwardedHeadersSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>(static sp => sp.GetRequiredService<ForwardedHeadersSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, ForwardedHeadersSetup>(static sp => sp.GetRequiredService<ForwardedHeadersSetup>()));

        services.TryAddScoped<OidcEvents>();
        services.TryAddSingleton<OidcTokenRedemption>();
        services.TryAddSingleton<OidcClientAssertion>();
        services.TryAddSingleton<OidcIdTokenCheck>();
        services.TryAddSingleton<OidcLoginCompletion>();
        services.TryAddSingleton<OidcFailurePages>();
        services.TryAddSingleton<OidcSessionIndex>();
        services.TryAddSingleton<BackchannelLogout>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoginButtons, OidcLoginButtons>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderLogout, OidcRpLogout>());
        services.AddStoreSeeder<OidcRoleSeeder>();
        services.AddHostedService(static sp => sp.GetRequiredService<OidcRoleSeeder>());
        return builder;
    }

    /// <summary>True when an OpenID provider is configured (the schemes, and so the flow's cookies, exist).</summary>
    public static bool HasProviders(IConfiguration configuration) => Providers(configuration).Any();

    // A method of its own, so that its types load only when it runs.
    private static void AddSchemeSetup(IServiceCollection services)
    {
        services.AddHttpClient(OidcSchemeSetup.HttpClientName).AddHttpMessageHandler(static () => new OidcCallMetricsHandler());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, OidcSchemeSetup>());
    }

    private static IEnumerable<IConfigurationSection> Providers(IConfiguration configuration)
        => configuration.GetSection($"{OidcOptions.SectionName}:{nameof(OidcOptions.Providers)}").GetChildren();
}
