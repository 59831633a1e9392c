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

    /// <summary>Public hosts the gateway answers on the network too (services call the JWT server and the provider by them).</summary>
    public static readonly string[] GatewayHosts = [$"auth.{Domain}", $"idp.{Domain}", $"ui.{Domain}", $"cube1.{Domain}", $"cube2.{Domain}"];

    public static string AuthOrigin => $"https://auth.{Domain}";

    public static string UiOrigin => $"https://ui.{Domain}";

    public static string IdpOrigin => $"https://idp.{Domain}";

    /// <summary>The session cookie, as the production overlay names it: <c>__Host-</c> makes browsers insist on Secure, host-only, <c>Path=/</c>.</summary>
    public const string SessionCookie = "__Host-ATOTIAUTH_SESSION";

    /// <summary>The cube cookie's name: cookies are per domain, not per port or host label, so each cube has its own.</summary>
    public static string CubeCookie(string cube) => "ATOTI_" + cube.ToUpperInvariant();

    /// <summary>The OIDC provider id (redirect URI <c>/login/oauth2/code/oidc</c>).</summary>
    public const string OidcProviderId = "oidc";

    public const string OidcClientId = "atotiauth";

    public const string OidcClientSecret = "atotiauth-secret";
}
