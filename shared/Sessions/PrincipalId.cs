using System.Diagnostics.CodeAnalysis;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// One person at one provider (issue 22): what individual roles, sessions and links are kept under, so
/// that <c>alice</c> of the basic users, of the directory and of an OpenID provider are three principals.
/// Provider ids never contain <c>/</c> (<c>basic</c>, <c>ldap</c>, <c>kerberos</c>, <c>oidc:{id}</c>), so
/// <c>{provider}/{userName}</c> is the principal's text form.
/// </summary>
/// <param name="Provider">The provider id.</param>
/// <param name="UserName">The provider's canonical user name.</param>
public sealed record PrincipalId(string Provider, string UserName)
{
    /// <summary><c>{provider}/{userName}</c>.</summary>
    public override string ToString() => $"{Provider}/{UserName}";

    /// <summary>Reads <see cref="ToString"/>'s form back; false when it has no <c>/</c> or an empty part.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out PrincipalId? principal)
    {
        principal = null;
        var slash = value?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (value is null || slash <= 0 || slash == value.Length - 1)
        {
            return false;
        }

        principal = new PrincipalId(value[..slash], value[(slash + 1)..]);
        return true;
    }

    /// <summary>Throws unless the provider id is usable in keys (non-empty, no <c>/</c>) and the name is non-empty.</summary>
    public static void Validate(string provider, string userName)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(userName);
        if (provider.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A provider id must not contain '/'.", nameof(provider));
        }
    }
}
