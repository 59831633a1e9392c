namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// What wrk sends: a URL, headers and, for a POST, a method and body (applied by report.lua);
/// <paramref name="Environment"/> passes further settings to a script (distinct.lua).
/// </summary>
internal sealed record WrkRequest(
    Uri Url,
    IReadOnlyDictionary<string, string>? Headers = null,
    string Method = "GET",
    string? Body = null,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Environment = null);
