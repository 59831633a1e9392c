namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>Who the stand-in authenticated a request as, and by what.</summary>
/// <param name="User">The JWT's principal claim.</param>
/// <param name="Roles">The JWT's authorities.</param>
/// <param name="TokenSession">The JWT's <c>sid</c>, if any: lets tests see which AtotiAuth session a request belongs to.</param>
/// <param name="Via"><c>jwt</c> (an <c>Authorization</c> header) or <c>session</c> (the server's own cookie).</param>
public sealed record AtotiCaller(string User, IReadOnlyList<string> Roles, string? TokenSession, string Via)
{
    public bool HasAnyRole(params string[] roles) => Roles.Any(roles.Contains);
}
