using AtotiAuth.Identity.Throttling;

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

/// <summary>The result of checking credentials, with the final roles and the vouching provider on success.</summary>
internal sealed record LoginOutcome(LoginOutcomeKind Kind, string UserName, IReadOnlyList<string> Roles, string Provider = BasicAuthenticator.Provider)
{
    /// <summary>What the throttle found before the basic check, so a provider's success after it forgets failures only when there are some.</summary>
    public ThrottleCheck Throttle { get; init; }

    public static LoginOutcome Invalid(string userName) => new(LoginOutcomeKind.Invalid, userName, []);

    public static LoginOutcome Locked(string userName) => new(LoginOutcomeKind.Locked, userName, []);

    public static LoginOutcome Unavailable(string userName) => new(LoginOutcomeKind.Unavailable, userName, []);
}
