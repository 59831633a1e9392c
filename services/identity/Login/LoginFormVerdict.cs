namespace AtotiAuth.Identity.Login;

/// <summary>What <see cref="LoginFormProtection.CheckAsync"/> says of a posted login form.</summary>
internal enum LoginFormVerdict
{
    /// <summary>Sent by our own page in this browser.</summary>
    Valid,

    /// <summary>The token is missing, forged, expired, or belongs to another browser's cookie: 400.</summary>
    TokenRefused,

    /// <summary>The browser says another site sent the form (Fetch Metadata or <c>Origin</c>): 403.</summary>
    CrossSite,
}
