namespace AtotiAuth.Shared.Hosting;

/// <summary>Stable problem codes used by more than one service (STYLE.md §8); tests assert on these.</summary>
public static class ProblemCodes
{
    /// <summary>The store (Redis) could not be reached; the request was refused, not let through.</summary>
    public const string StoreUnavailable = "store_unavailable";

    /// <summary>
    /// The request could not be read: a form, JSON body, header, cookie, path or query string that does not
    /// parse (a NUL in a form field, broken percent-encoding, invalid UTF-8, JSON of the wrong shape). 400.
    /// </summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>The request body is larger than the service accepts. 413.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>No route has that path. 404.</summary>
    public const string NotFound = "not_found";

    /// <summary>The path exists, but not for that method. 405.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>The body's media type is not one the route reads. 415.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>Authentication is required and none was given or it was refused, and no more specific code applies. 401.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The caller is known but may not do this, and no more specific code applies. 403.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Any other client error without a code of its own: <c>http_</c> and the status (<c>http_409</c>).</summary>
    public const string HttpStatusPrefix = "http_";
}
