namespace AtotiAuth.AppHost;

/// <summary>
/// The fixed host ports of what a person opens or a provider must know in advance: the gateway (the
/// JWT server and the UI), each cube's sidecar, the OpenID provider (its issuer URL is the address the
/// browser and the identity service both use). Everything else gets a free port.
/// </summary>
public static class SystemPorts
{
    public const int Gateway = 5300;
    public const int Cube1 = 5301;
    public const int Cube2 = 5302;
    public const int OpenIdProvider = 5310;

    public static string Url(int port) => $"http://localhost:{port}";
}
