using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Logout;

/// <summary>
/// Ends the session at the provider that created it, after ours is revoked (the OIDC concern registers
/// one for RP-Initiated Logout 1.0), so <c>/logout</c> knows no provider.
/// </summary>
internal interface IProviderLogout
{
    /// <summary>
    /// Where to send the browser instead of <paramref name="target"/> to end the provider's session too,
    /// or null when this session's provider has nothing to end.
    /// </summary>
    Task<string?> RedirectAsync(HttpContext context, Session session, string target);
}
