using AtotiAuth.Shared.Hosting;

namespace AtotiAuth.Shared.Jwt;

/// <summary>The outcome of verifying a token: its caller, or the refusal (a struct: one per request).</summary>
/// <param name="Caller">Who the token names, when it is valid.</param>
/// <param name="Problem">Why it is refused, otherwise.</param>
public readonly record struct TokenCheck(AtotiAuthCaller? Caller, ProblemCode? Problem)
{
    /// <summary>A valid token's caller.</summary>
    public static TokenCheck Valid(AtotiAuthCaller caller) => new(caller, null);

    /// <summary>A refused token, and why.</summary>
    public static TokenCheck Refused(ProblemCode problem) => new(null, problem);
}
