namespace AtotiAuth.Ping.Authentication;

/// <summary>Authentication schemes and policies of the sidecar.</summary>
internal static class PingSchemes
{
    /// <summary>Ping: a JWT with one of <see cref="PingOptions.RequiredRoles"/>.</summary>
    public const string PingPolicy = "ping";

    /// <summary>Proxied requests: a JWT, or the cookie on a WebSocket handshake, with the roles each needs.</summary>
    public const string CubePolicy = "cube";

    /// <summary>The proxied requests' scheme: this cube's cookie on a WebSocket handshake, else the JWT.</summary>
    public const string Cube = "Cube";
}
