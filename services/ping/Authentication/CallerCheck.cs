namespace AtotiAuth.Ping.Authentication;

/// <summary>The outcome of authenticating a request: a caller, or the stable code of the refusal.</summary>
internal readonly record struct CallerCheck(SidecarCaller? Caller, string? Error)
{
    public static CallerCheck Accept(SidecarCaller caller) => new(caller, null);

    public static CallerCheck Refuse(string error) => new(null, error);
}
