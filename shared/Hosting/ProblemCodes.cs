namespace AtotiAuth.Shared.Hosting;

/// <summary>Stable problem codes used by more than one service (STYLE.md §8); tests assert on these.</summary>
public static class ProblemCodes
{
    /// <summary>The store (Redis) could not be reached; the request was refused, not let through.</summary>
    public const string StoreUnavailable = "store_unavailable";
}
