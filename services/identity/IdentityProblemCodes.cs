namespace AtotiAuth.Identity;

/// <summary>
/// Stable codes of every rejection of the identity service (STYLE.md §8): put in problem bodies,
/// in the login page (<c>data-code</c>) and in log events. Tests assert on these, not on prose.
/// </summary>
internal static class IdentityProblemCodes
{
    /// <summary>Wrong password, unknown user or inactive user: one answer for all three.</summary>
    public const string InvalidCredentials = "invalid_credentials";

    /// <summary>Too many failed logins for this user name or client address; try later.</summary>
    public const string LoginLocked = "login_locked";

    /// <summary>No configured directory (LDAP) server answered in time; basic users still log in. 503.</summary>
    public const string DirectoryUnavailable = "directory_unavailable";

    /// <summary>The <c>redirectUrl</c> is neither an allowed origin nor a safe local path.</summary>
    public const string InvalidRedirectUrl = "invalid_redirect_url";

    /// <summary>The login form's token is missing, forged, expired, or not that of this browser's cookie.</summary>
    public const string AntiforgeryFailed = "antiforgery_failed";

    /// <summary>The browser announced the login form post as sent by another site (Fetch Metadata, <c>Origin</c>). 403.</summary>
    public const string CrossSiteLogin = "cross_site_login";

    /// <summary>A logout request came from a foreign site or a non-navigation context (image, script, frame).</summary>
    public const string CrossSiteLogout = "cross_site_logout";

    /// <summary>A cross-site navigation to <c>/logout</c>: the user is asked to confirm.</summary>
    public const string LogoutConfirmationRequired = "logout_confirmation_required";

    /// <summary>An admin API payload failed validation; the problem names the field.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>A new password is shorter than the policy's minimum, common, or the user name.</summary>
    public const string WeakPassword = "weak_password";

    /// <summary>An OpenID provider's name claim is <c>email</c> but <c>email_verified</c> is not true.</summary>
    public const string UnverifiedEmail = "unverified_email";

    /// <summary>A provider's user name changes under NFKC normalisation or mixes scripts.</summary>
    public const string InvalidUserName = "invalid_user_name";

    /// <summary>A basic user of that name already exists.</summary>
    public const string UserExists = "user_exists";

    /// <summary>No basic user of that name.</summary>
    public const string UserNotFound = "user_not_found";

    /// <summary>The principal is linked to no other.</summary>
    public const string LinkNotFound = "link_not_found";

    /// <summary>No active session with that id.</summary>
    public const string SessionNotFound = "session_not_found";

    /// <summary>No OpenID provider with that id is configured, or a provider id is not one (admin API).</summary>
    public const string UnknownProvider = "unknown_provider";

    /// <summary>The user (or the provider) refused the login at the provider (<c>error=access_denied</c>).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The provider answered with another error (<c>error=…</c> on the callback).</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The callback's <c>state</c> is missing, altered or already used, or the flow's cookie is gone.</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The login at the provider took longer than the flow timeout.</summary>
    public const string LoginFlowExpired = "login_flow_expired";

    /// <summary>The ID token failed validation (signature, issuer, audience, expiry, nonce, azp, algorithm).</summary>
    public const string InvalidIdToken = "invalid_id_token";

    /// <summary>The token endpoint refused the code (reused, expired, wrong client).</summary>
    public const string CodeExchangeFailed = "code_exchange_failed";

    /// <summary>The provider's discovery, keys, token or userinfo endpoint could not be reached.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The provider's tokens lack the configured name claim.</summary>
    public const string MissingNameClaim = "missing_name_claim";

    /// <summary>A back-channel logout token failed validation.</summary>
    public const string InvalidLogoutToken = "invalid_logout_token";

    /// <summary>A back-channel logout token's <c>jti</c> was already used.</summary>
    public const string LogoutTokenReplayed = "logout_token_replayed";

    /// <summary>Kerberos is on and the request brought no <c>Negotiate</c> token: no ticket (none cached, a wrong password at the KDC, the KDC unreachable). 401 with the challenge.</summary>
    public const string KerberosTicketRequired = "kerberos_ticket_required";

    /// <summary>Not a refusal: the 401 carries the server's token of an unfinished <c>Negotiate</c> exchange; the client answers on the same connection.</summary>
    public const string KerberosContinue = "kerberos_continue";

    /// <summary>GSSAPI refused the <c>Negotiate</c> token: a ticket for another principal, a key the keytab lacks (rotated), expired, altered or malformed.</summary>
    public const string KerberosTicketInvalid = "kerberos_ticket_invalid";

    /// <summary>The <c>Negotiate</c> token was already used (on any replica).</summary>
    public const string KerberosTicketReplayed = "kerberos_ticket_replayed";

    /// <summary>The ticket's client is from a realm that is not allowed.</summary>
    public const string KerberosRealmRefused = "kerberos_realm_refused";

    /// <summary>With the LDAP group lookup on, the Kerberos user has no entry in the directory, or a disabled one.</summary>
    public const string KerberosUserUnknown = "kerberos_user_unknown";
}
