using AtotiAuth.Identity.Principals;

namespace AtotiAuth.Identity.Login;

/// <summary>The result of checking credentials.</summary>
internal enum LoginOutcomeKind
{
    Success,

    /// <summary>Wrong password, unknown user or inactive user: deliberately one case.</summary>
    Invalid,

    /// <summary>Too many failures for the name or the address.</summary>
    Locked,

    /// <summary>A provider's backend (the directory) did not answer: 503, never "wrong password".</summary>
    Unavailable,
}

/// <summary>
/// The result of checking credentials; on success the provider's canonical user name, the final roles,
/// the vouching provider and its own roles (kept in the session, so the roles can be resolved again).
/// </summary>
internal sealed record LoginOutcome(
    LoginOutcomeKind Kind,
    string UserName,
    IReadOnlyList<string> Roles,
    string Provider = ProviderIds.Basic,
    IReadOnlyList<string>? ProviderRoles = null)
{
    public static LoginOutcome Invalid(string userName) => new(LoginOutcomeKind.Invalid, userName, []);

    public static LoginOutcome Locked(string userName) => new(LoginOutcomeKind.Locked, userName, []);

    public static LoginOutcome Unavailable(string userName) => new(LoginOutcomeKind.Unavailable, userName, []);
}
