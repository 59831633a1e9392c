namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Names of the end-to-end system: what the production overlay of deploy/k8s describes, on one Docker
/// network. The aliases are the ones the gateway image's defaults route to (tests/containers/nginx).
/// </summary>
internal static class Topology
{
    /// <summary>The site every public host lives under, as a company's own domain would be.</summary>
    public const string Domain = "atotiauth.test";

    public const string Redis = "redis";
    public const string Ldap = "ldap";
    public const string Oidc = "oidc";
    public const string Gateway = "gateway";
    public const string Kdc = "kdc";

    /// <summary>The Kerberos realm of the site's users (the KDC's users: alice, bob, admin, as in the directory).</summary>
    public const string KerberosRealm = "ATOTIAUTH.TEST";

    /// <summary>The identity replicas' service principal: HTTP/ and the JWT server's host as browsers name it.</summary>
    public const string ServicePrincipal = $"HTTP/auth.{Domain}";

    public static readonly string[] IdentityReplicas = ["identity-1", "identity-2"];
    public static readonly string[] TokenReplicas = ["token-1", "token-2"];

    /// <summary>The cubes, by their host label, with the alias of the sidecar in front of each.</summary>
    public static readonly (string Cube, string Sidecar)[] Cubes = [("cube1", "ping-1"), ("cube2", "ping-2")];

    /// <summary>
    /// The cube served by the Atoti stand-in (the sample cube in <c>Atoti</c> mode, its sidecar with
    /// <c>Backend=Atoti</c>); the other one trusts the sidecar's identity headers.
    /// </summary>
    public const string AtotiCube = "cube1";

    /// <summary>The Atoti stand-in's own session cookie, named as ActiveViam's Spring Boot template names it.</summary>
    public const string AtotiServerCookie = "ATOTISERVER_JSESSIONID";

    public static bool IsAtoti(string cube) => cube == AtotiCube;

    /// <summary>Where a cube answers the REST call the tests and the sample UI make: who it thinks is calling.</summary>
    public static string RestPath(string cube) => IsAtoti(cube) ? "/activeviam/pivot/rest/v10/whoami" : "/api/whoami";

    /// <summary>A cube's real-time WebSocket: Atoti's under <c>/activeviam/pivot/ws/</c>, the sample's <c>/ws</c>.</summary>
    public static string StreamPath(string cube) => IsAtoti(cube) ? "/activeviam/pivot/ws/v9" : "/ws";

    /// <summary>Public hosts the gateway answers on the network too (services call the JWT server and the provider by them).</summary>
    public static readonly string[] GatewayHosts = [$"auth.{Domain}", $"idp.{Domain}", $"ui.{Domain}", $"cube1.{Domain}", $"cube2.{Domain}"];

    public static string AuthOrigin => $"https://auth.{Domain}";

    public static string UiOrigin => $"https://ui.{Domain}";

    public static string IdpOrigin => $"https://idp.{Domain}";

    /// <summary>
    /// The tokens' lifetime in this system: a minute, so that the UI's renewals and the sidecars' hold on
    /// sockets past a token's expiry happen within the tests (the default is Atoti's 12 hours).
    /// </summary>
    public const string TokenLifetime = "00:01:00";

    /// <summary>The session cookie, as the production overlay names it: <c>__Host-</c> makes browsers insist on Secure, host-only, <c>Path=/</c>.</summary>
    public const string SessionCookie = "__Host-ATOTIAUTH_SESSION";

    /// <summary>The cube cookie's name: cookies are per domain, not per port or host label, so each cube has its own.</summary>
    public static string CubeCookie(string cube) => "ATOTI_" + cube.ToUpperInvariant();

    /// <summary>The OIDC provider id (redirect URI <c>/login/oauth2/code/oidc</c>).</summary>
    public const string OidcProviderId = "oidc";

    /// <summary>Where a sign-in without <c>redirectUrl</c> lands: the embedded UI.</summary>
    public const string DefaultLandingPath = "/ui/";

    public const string OidcClientId = "atotiauth";

    public const string OidcClientSecret = "atotiauth-secret";
}
