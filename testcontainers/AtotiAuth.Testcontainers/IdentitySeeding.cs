using System.Globalization;
using System.Security.Cryptography;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Seeding of the identity side (identity service, standalone host): basic users by configuration,
/// and roles (individual roles, role mappings, default roles) through the admin API once ready, as an
/// admin the module adds for the purpose (<see cref="AdminName"/>, random password).
/// </summary>
internal static class IdentitySeeding
{
    public const string AdminName = "testcontainers-seed-admin";

    /// <summary>Plain HTTP in tests: a session cookie without Secure, so that any HTTP client sends it back.</summary>
    public const string CookieSecureKey = "AtotiAuth__Identity__Cookie__Secure";

    public static IReadOnlyDictionary<string, string> UserEnvironment(int index, AtotiAuthUser user)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"AtotiAuth__Identity__Users__{index}__");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [prefix + "Name"] = user.Name,
            [prefix + "Password"] = user.Password,
        };
        for (var i = 0; i < user.Roles.Count; i++)
        {
            environment[string.Create(CultureInfo.InvariantCulture, $"{prefix}Roles__{i}")] = user.Roles[i];
        }

        return environment;
    }

    public static AtotiAuthUser NewAdmin() =>
        new(AdminName, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ["ROLE_ADMIN"]);

    public static void Check(AtotiAuthUser user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Name);
        ArgumentException.ThrowIfNullOrEmpty(user.Password);
        if (user.Name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A basic user name cannot contain ':' (HTTP Basic separates it from the password).", nameof(user));
        }
    }

    /// <summary>The wait step that puts <paramref name="seeds"/> once <c>/readyz</c> answered (it runs after the default wait).</summary>
    public static IWaitForContainerOS RolesWait(IReadOnlyList<RoleSeed> seeds, AtotiAuthUser admin) =>
        DotNet.Testcontainers.Builders.Wait.ForUnixContainer().AddCustomWaitStrategy(new RolesPut(seeds, admin));

    private sealed class RolesPut(IReadOnlyList<RoleSeed> seeds, AtotiAuthUser admin) : IWaitUntil
    {
        public async Task<bool> UntilAsync(IContainer container)
        {
            var identity = ((AtotiAuthContainer)container).GetBaseAddress();
            try
            {
                foreach (var seed in seeds)
                {
                    await AtotiAuthHttp.PutAsync(identity, seed.Path, new { roles = seed.Roles }, admin.Name, admin.Password, CancellationToken.None).ConfigureAwait(false);
                }

                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }
    }
}
