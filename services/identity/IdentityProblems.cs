using AtotiAuth.Shared.Hosting;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace AtotiAuth.Identity;

/// <summary>
/// The identity service's own refusals (STYLE.md §8): the code goes in the problem body, the pages for
/// people (<c>data-code</c>) and the log event. The ones it shares with other services are not repeated
/// here: <see cref="CommonProblems"/> (<c>missing_credentials</c>, <c>session_invalid</c>,
/// <c>missing_role</c>, <c>store_unavailable</c>, …) and <see cref="Shared.Grants.PasswordGrantProblems"/>
/// (<c>invalid_credentials</c>, <c>login_locked</c>, <c>directory_unavailable</c>).
/// </summary>
internal static class IdentityProblems
{
    /// <summary>The <c>redirectUrl</c> is neither an allowed origin nor a safe local path; the login page says so and lands on the start page.</summary>
    public static ProblemCode InvalidRedirectUrl { get; } = new("invalid_redirect_url", Status400BadRequest, "The redirect target is not allowed.");

    /// <summary>The login form's token is missing, forged, expired, or not that of this browser's cookie (400).</summary>
    public static ProblemCode AntiforgeryFailed { get; } = new("antiforgery_failed", Status400BadRequest, "The login form expired or was not sent by this page.");

    /// <summary>The browser announced the login form post as sent by another site (Fetch Metadata, <c>Origin</c>) (403).</summary>
    public static ProblemCode CrossSiteLogin { get; } = new("cross_site_login", Status403Forbidden, "The login form was sent from another site.");

    /// <summary>A logout request came from a foreign site or a non-navigation context (image, script, frame) (403).</summary>
    public static ProblemCode CrossSiteLogout { get; } = new("cross_site_logout", Status403Forbidden, "Logout refused: the request did not come from this site or an allowed UI.");

    /// <summary>
    /// A cross-site navigation to <c>/logout</c> is not obeyed (403): the page that asks the user to
    /// confirm carries this code (and is itself answered 200).
    /// </summary>
    public static ProblemCode LogoutConfirmationRequired { get; } = new("logout_confirmation_required", Status403Forbidden, "Confirm the sign-out.");

    /// <summary>An admin API write made with the session cookie came without this site's own <c>Origin</c> (403).</summary>
    public static ProblemCode CrossSiteAdmin { get; } = new("cross_site_admin", Status403Forbidden, "A change made with the session cookie must come from this site's own pages.");

    /// <summary>An admin API payload failed validation; the problem names the <c>field</c> (400).</summary>
    public static ProblemCode InvalidRequest { get; } = new("invalid_request", Status400BadRequest, "A field of the request is invalid.");

    /// <summary>A new password is shorter than the policy's minimum, common, or the user name (400).</summary>
    public static ProblemCode WeakPassword { get; } = new("weak_password", Status400BadRequest, "The password is too weak.");

    /// <summary>A basic user of that name already exists (409).</summary>
    public static ProblemCode UserExists { get; } = new("user_exists", Status409Conflict, "A basic user of that name already exists.");

    /// <summary>No basic user of that name (404).</summary>
    public static ProblemCode UserNotFound { get; } = new("user_not_found", Status404NotFound, "No basic user of that name.");

    /// <summary>The principal is linked to no other (404).</summary>
    public static ProblemCode LinkNotFound { get; } = new("link_not_found", Status404NotFound, "That principal is linked to no other.");

    /// <summary>No active session with that id (404).</summary>
    public static ProblemCode SessionNotFound { get; } = new("session_not_found", Status404NotFound, "No active session with that id.");

    /// <summary>No OpenID provider with that id is configured, or a provider id is not one (admin API) (404).</summary>
    public static ProblemCode UnknownProvider { get; } = new("unknown_provider", Status404NotFound, "No such provider.");

    /// <summary>An OpenID provider's name claim is <c>email</c> but <c>email_verified</c> is not true (400).</summary>
    public static ProblemCode UnverifiedEmail { get; } = new("unverified_email", Status400BadRequest, "The provider has not verified the e-mail address.");

    /// <summary>A provider's user name changes under NFKC normalisation or mixes scripts (400).</summary>
    public static ProblemCode InvalidUserName { get; } = new("invalid_user_name", Status400BadRequest, "The provider's user name cannot be used here.");

    /// <summary>The user (or the provider) refused the login at the provider (<c>error=access_denied</c>) (403).</summary>
    public static ProblemCode AccessDenied { get; } = new("access_denied", Status403Forbidden, "The sign-in was refused at the provider.");

    /// <summary>The provider answered with another error (<c>error=…</c> on the callback) (400).</summary>
    public static ProblemCode ProviderError { get; } = new("provider_error", Status400BadRequest, "The provider reported an error.");

    /// <summary>The callback's <c>state</c> is missing, altered or already used, or the flow's cookie is gone (400).</summary>
    public static ProblemCode InvalidState { get; } = new("invalid_state", Status400BadRequest, "The sign-in link was already used or belongs to another browser.");

    /// <summary>The login at the provider took longer than the flow timeout (400).</summary>
    public static ProblemCode LoginFlowExpired { get; } = new("login_flow_expired", Status400BadRequest, "The sign-in took too long and expired.");

    /// <summary>The ID token failed validation (signature, issuer, audience, expiry, nonce, azp, algorithm) (400).</summary>
    public static ProblemCode InvalidIdToken { get; } = new("invalid_id_token", Status400BadRequest, "The provider's ID token is not valid.");

    /// <summary>The token endpoint refused the code (reused, expired, wrong client) (400).</summary>
    public static ProblemCode CodeExchangeFailed { get; } = new("code_exchange_failed", Status400BadRequest, "The provider refused to complete the sign-in.");

    /// <summary>The provider's discovery, keys, token or userinfo endpoint could not be reached (503).</summary>
    public static ProblemCode ProviderUnavailable { get; } = new("provider_unavailable", Status503ServiceUnavailable, "The identity provider is unavailable; try again later.");

    /// <summary>The provider's tokens lack the configured name claim (400).</summary>
    public static ProblemCode MissingNameClaim { get; } = new("missing_name_claim", Status400BadRequest, "The provider did not name the user.");

    /// <summary>A back-channel logout token failed validation (400).</summary>
    public static ProblemCode InvalidLogoutToken { get; } = new("invalid_logout_token", Status400BadRequest, "The logout token is not valid.");

    /// <summary>A back-channel logout token's <c>jti</c> was already used (400).</summary>
    public static ProblemCode LogoutTokenReplayed { get; } = new("logout_token_replayed", Status400BadRequest, "The logout token was already used.");

    /// <summary>Not a refusal: the 401 carries the server's token of an unfinished <c>Negotiate</c> exchange; the client answers on the same connection.</summary>
    public static ProblemCode KerberosContinue { get; } = new("kerberos_continue", Status401Unauthorized, "Continue the Negotiate exchange.");

    /// <summary>GSSAPI refused the <c>Negotiate</c> token: a ticket for another principal, a key the keytab lacks (rotated), expired, altered or malformed (401).</summary>
    public static ProblemCode KerberosTicketInvalid { get; } = new("kerberos_ticket_invalid", Status401Unauthorized, "The Kerberos ticket was refused.");

    /// <summary>The <c>Negotiate</c> token was already used, on any replica (401).</summary>
    public static ProblemCode KerberosTicketReplayed { get; } = new("kerberos_ticket_replayed", Status401Unauthorized, "This Kerberos token was already used.");

    /// <summary>The ticket's client is from a realm that is not allowed (401).</summary>
    public static ProblemCode KerberosRealmRefused { get; } = new("kerberos_realm_refused", Status401Unauthorized, "Users of this Kerberos realm may not sign in here.");

    /// <summary>With the LDAP group lookup on, the Kerberos user has no entry in the directory, or a disabled one (401).</summary>
    public static ProblemCode KerberosUserUnknown { get; } = new("kerberos_user_unknown", Status401Unauthorized, "This Kerberos user is not known to the directory.");
}
