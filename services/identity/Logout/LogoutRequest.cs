namespace AtotiAuth.Identity.Logout;

/// <summary>The request facts the logout rule reads (Fetch Metadata, <c>Origin</c>, <c>Referer</c>).</summary>
/// <param name="IsPost">POST rather than GET.</param>
/// <param name="OwnOrigin">This service's origin as the browser sees it.</param>
/// <param name="SecFetchSite"><c>Sec-Fetch-Site</c>, or null.</param>
/// <param name="SecFetchDest"><c>Sec-Fetch-Dest</c>, or null.</param>
/// <param name="Origin"><c>Origin</c>, or null.</param>
/// <param name="Referer"><c>Referer</c>, or null.</param>
internal sealed record LogoutRequest(
    bool IsPost,
    string OwnOrigin,
    string? SecFetchSite,
    string? SecFetchDest,
    string? Origin,
    string? Referer)
{
    public static LogoutRequest From(HttpRequest request)
    {
        string? Header(string name) => request.Headers.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v.ToString() : null;
        return new LogoutRequest(
            HttpMethods.IsPost(request.Method),
            $"{request.Scheme}://{request.Host}",
            Header("Sec-Fetch-Site"),
            Header("Sec-Fetch-Dest"),
            Header("Origin"),
            Header("Referer"));
    }
}
