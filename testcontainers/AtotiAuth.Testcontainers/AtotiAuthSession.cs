namespace AtotiAuth.Testcontainers;

/// <summary>A logged-in session: the session cookie the identity service set.</summary>
/// <param name="CookieName">The cookie's name (<c>AtotiAuth:Session:CookieName</c>, <c>ATOTIAUTH_SESSION</c> by default).</param>
/// <param name="Value">The cookie's value.</param>
public sealed record AtotiAuthSession(string CookieName, string Value)
{
    /// <summary>The session as a browser sends it: <c>name=value</c>, for a <c>Cookie</c> header.</summary>
    public string CookieHeader => $"{CookieName}={Value}";
}
