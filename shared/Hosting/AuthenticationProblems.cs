using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// How an authentication handler hands its refusal to its own challenge: the failure carries the
/// <see cref="ProblemCode"/>, and the challenge writes it (<see cref="Problems.WriteAsync"/>).
/// </summary>
public static class AuthenticationProblems
{
    private const string Key = "atotiauth.problem";

    /// <summary>A failed authentication that answers <paramref name="problem"/> when challenged.</summary>
    public static AuthenticateResult Fail(ProblemCode problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var properties = new AuthenticationProperties();
        properties.SetParameter(Key, problem);
        return AuthenticateResult.Fail(problem.Code, properties);
    }

    /// <summary>The problem a failed result carries, or <paramref name="otherwise"/> (no credential at all, say).</summary>
    public static ProblemCode ProblemOf(AuthenticateResult? result, ProblemCode otherwise)
    {
        ArgumentNullException.ThrowIfNull(otherwise);
        return result?.Properties?.GetParameter<ProblemCode>(Key) ?? otherwise;
    }

    /// <summary>
    /// Answers the challenge of a handler: the problem its authentication failed with (or
    /// <paramref name="otherwise"/>), with <paramref name="challenge"/> as <c>WWW-Authenticate</c> on a 401.
    /// </summary>
    public static Task ChallengeAsync(HttpContext context, AuthenticateResult? result, ProblemCode otherwise, string? challenge)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problems.WriteAsync(context, ProblemOf(result, otherwise), challenge);
    }
}
