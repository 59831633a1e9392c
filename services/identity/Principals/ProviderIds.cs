using System.Text.RegularExpressions;
using AtotiAuth.Identity.Roles;

namespace AtotiAuth.Identity.Principals;

/// <summary>
/// The providers a principal can come from (issue 22), each a namespace of its own for individual
/// roles, sessions, role mappings and default roles: <c>basic</c>, <c>ldap</c>, <c>kerberos</c> and
/// <c>oidc:{id}</c> for each OpenID provider. The session's and the JWT's provider is one of these.
/// </summary>
internal static partial class ProviderIds
{
    public const string Basic = "basic";
    public const string Ldap = "ldap";
    public const string Kerberos = "kerberos";
    public const string OidcPrefix = "oidc:";

    /// <summary>The provider id of the OpenID provider configured as <paramref name="providerId"/>.</summary>
    public static string Oidc(string providerId) => OidcPrefix + providerId;

    /// <summary>The configured OpenID provider id inside <paramref name="provider"/>, or null when it is not an OpenID one.</summary>
    public static string? OidcProviderId(string provider)
        => provider.StartsWith(OidcPrefix, StringComparison.Ordinal) ? provider[OidcPrefix.Length..] : null;

    /// <summary>True when <paramref name="provider"/> is written as a provider id (configured or not).</summary>
    public static bool IsWellFormed(string? provider)
        => provider is Basic or Ldap or Kerberos || (provider is not null && OidcPattern().IsMatch(provider));

    /// <summary>How the provider's own roles match mapping keys: LDAP group names compare upper-cased, as in Atoti.</summary>
    public static RoleKeyComparison KeyComparison(string provider)
        => provider == Ldap ? RoleKeyComparison.UpperCase : RoleKeyComparison.Ordinal;

    [GeneratedRegex("^oidc:[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OidcPattern();
}
