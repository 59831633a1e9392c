using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Authentication;

/// <summary>Authentication schemes and policies of the identity service.</summary>
internal static class IdentitySchemes
{
    /// <summary>The session cookie; challenge answers a bare 401 (APIs).</summary>
    public const string Session = "AtotiAuthSession";

    /// <summary>The session cookie; challenge redirects to the login page (browser pages: the embedded UI).</summary>
    public const string SessionPage = "AtotiAuthSessionPage";

    /// <summary>HTTP Basic against the basic users (admin API scripts).</summary>
    public const string Basic = "AtotiAuthBasic";

    /// <summary>The admin API's scheme: Basic when the request carries Basic credentials, else the session cookie.</summary>
    public const string Admin = "AtotiAuthAdmin";

    /// <summary>Holders of the admin role, by session cookie or Basic.</summary>
    public const string AdminPolicy = "atotiauth-admin";

    /// <summary>Holders of the admin role, by session cookie, on the admin console's page (anonymous: to the login page).</summary>
    public const string AdminPagePolicy = "atotiauth-admin-page";

    /// <summary>Users allowed to use the UI (ROLE_USER or the admin role), by session cookie.</summary>
    public const string UiPolicy = "atotiauth-ui";

    public const string SessionIdClaim = SessionCookieHandler.SessionIdClaim;

    /// <summary>The provider of the authenticated principal (<c>basic</c>, <c>ldap</c>, <c>oidc:{id}</c>).</summary>
    public const string ProviderClaim = SessionCookieHandler.ProviderClaim;
}
