namespace AtotiAuth.Identity.Logout;

/// <summary>What to do with a logout request.</summary>
internal enum LogoutVerdict
{
    /// <summary>End the session.</summary>
    Proceed,

    /// <summary>Ask the user with a page whose button posts the logout (a cross-site navigation).</summary>
    Confirm,

    /// <summary>Refuse with 403: a foreign form post, or an image, script or frame asking for <c>/logout</c>.</summary>
    Forbid,
}
