namespace AtotiAuth.Identity.Login;

/// <summary>The result of checking credentials.</summary>
internal enum LoginOutcomeKind
{
    Success,

    /// <summary>Wrong password, unknown user or inactive user: deliberately one case.</summary>
    Invalid,

    /// <summary>Too many failures for the name or the address.</summary>
    Locked,
}

/// <summary>The result of checking credentials, with the final roles on success.</summary>
internal sealed record LoginOutcome(LoginOutcomeKind Kind, string UserName, IReadOnlyList<string> Roles)
{
    public static LoginOutcome Invalid(string userName) => new(LoginOutcomeKind.Invalid, userName, []);

    public static LoginOutcome Locked(string userName) => new(LoginOutcomeKind.Locked, userName, []);
}
