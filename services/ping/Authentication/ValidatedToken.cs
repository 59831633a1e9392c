namespace AtotiAuth.Ping.Authentication;

/// <summary>The outcome of checking a JWT: its caller, or the stable code of the refusal (a struct: one per request).</summary>
internal readonly record struct ValidatedToken(SidecarCaller? Caller, string? Error)
{
    public static ValidatedToken Valid(SidecarCaller caller) => new(caller, null);

    public static ValidatedToken Invalid(string error) => new(null, error);
}
