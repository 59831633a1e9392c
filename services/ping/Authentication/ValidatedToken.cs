namespace AtotiAuth.Ping.Authentication;

/// <summary>The outcome of checking a JWT: its caller, or the stable code of the refusal.</summary>
internal sealed record ValidatedToken(SidecarCaller? Caller, string? Error)
{
    public static ValidatedToken Valid(SidecarCaller caller) => new(caller, null);

    public static ValidatedToken Invalid(string error) => new(null, error);
}
