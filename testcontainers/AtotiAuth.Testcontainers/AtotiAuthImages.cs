namespace AtotiAuth.Testcontainers;

/// <summary>
/// The images the builders start by default (the tags <c>scripts/build-images.sh</c> builds), and the
/// port every AtotiAuth image listens on. Every builder takes another image name in its constructor.
/// </summary>
public static class AtotiAuthImages
{
    /// <summary>The identity service.</summary>
    public const string Identity = "atotiauth/identity:dev";

    /// <summary>The token service.</summary>
    public const string Token = "atotiauth/token:dev";

    /// <summary>The ping sidecar.</summary>
    public const string Ping = "atotiauth/ping:dev";

    /// <summary>Identity and token in one process, in-memory store.</summary>
    public const string Standalone = "atotiauth/standalone:dev";

    /// <summary>The stand-in cube (REST <c>/api/whoami</c>, WebSocket <c>/ws</c>).</summary>
    public const string SampleCube = "atotiauth/sample-cube:dev";

    /// <summary>An MIT Kerberos KDC for single sign-on tests: a test image, built by <c>scripts/build-test-images.sh kdc</c>.</summary>
    public const string Kdc = "atotiauth/test-kdc:dev";

    /// <summary>Redis for the split system (Docker Hub's official image).</summary>
    public const string Redis = "redis:7.4";

    /// <summary>The HTTP port of every AtotiAuth image (<c>ASPNETCORE_HTTP_PORTS</c>).</summary>
    public const ushort HttpPort = 8080;
}
