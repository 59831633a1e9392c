using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Ldap;

/// <summary>The LDAP provider: options, connections, the login step after basic users.</summary>
internal static class LdapExtensions
{
    /// <summary>
    /// Always registered, active only with <see cref="LdapOptions.Url"/> set, so the decision is made
    /// on the bound options (the ones tests and hosts override) and validated with them.
    /// </summary>
    public static IHostApplicationBuilder AddLdap(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<LdapOptions, LdapOptionsValidator>(LdapOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LdapTrust>();
        services.TryAddSingleton<LdapSlots>();
        services.TryAddSingleton<LdapConnector>();
        services.TryAddSingleton<LdapConnectionPool>();
        services.TryAddSingleton<LdapDirectory>();
        services.TryAddSingleton<LdapAuthenticator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPasswordLoginProvider, LdapAuthenticator>(static sp => sp.GetRequiredService<LdapAuthenticator>()));
        services.AddStoreSeeder<LdapRoleSeeder>();
        services.AddHostedService(static sp => sp.GetRequiredService<LdapRoleSeeder>());
        return builder;
    }
}
