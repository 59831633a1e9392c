namespace AtotiAuth.Identity.Redirects;

/// <summary>The verdict on a <c>redirectUrl</c>.</summary>
/// <param name="IsAccepted">True when the value may be used as a redirect target.</param>
/// <param name="Target">The accepted value, unchanged; null when refused or absent.</param>
/// <param name="WasGiven">True when a value was given at all (an absent one is not an error).</param>
internal sealed record RedirectCheck(bool IsAccepted, string? Target, bool WasGiven)
{
    public static readonly RedirectCheck Absent = new(false, null, false);

    public static readonly RedirectCheck Refused = new(false, null, true);

    /// <summary>True when a value was given and refused: the page says so (<c>invalid_redirect_url</c>).</summary>
    public bool IsRefused => WasGiven && !IsAccepted;
}
