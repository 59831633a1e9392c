using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using AtotiAuth.Testing;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The system's public face, as a user's machine sees it: HTTPS host names under one site
/// (<c>auth.</c>, <c>ui.</c>, <c>idp.</c>, one per cube), all answered by the nginx gateway. The names do
/// not resolve anywhere: clients connect every one of them to the gateway's mapped port, the way
/// Chromium's <c>--host-resolver-rules</c> does, so URLs, Host headers, SNI and cookies are the real ones.
/// </summary>
internal sealed class Gateway(string domain, int port, TestCertificateAuthority authority)
{
    public string Domain { get; } = domain;

    /// <summary>Host port that the gateway's 443 is published on.</summary>
    public int Port { get; } = port;

    public TestCertificateAuthority Authority { get; } = authority;

    /// <summary>The JWT server (identity and token behind one host).</summary>
    public Uri Auth => Host("auth");

    /// <summary>The remote UI's static host.</summary>
    public Uri Ui => Host("ui");

    /// <summary>The OpenID provider.</summary>
    public Uri Idp => Host("idp");

    /// <summary>A cube's host (its sidecar).</summary>
    public Uri Cube(string name) => Host(name);

    public Uri Host(string label) => new($"https://{label}.{Domain}/");

    /// <summary>Chromium's rule sending every name of the site to the gateway's published port.</summary>
    public string HostResolverRules => $"MAP *.{Domain} 127.0.0.1:{Port}";

    /// <summary>The same rule for a browser inside the gateway container's network namespace (nginx on its own 443).</summary>
    public string InNamespaceHostResolverRules => $"MAP *.{Domain} 127.0.0.1:443";

    /// <summary>A handler with its own cookie jar, trusting only this run's CA, never following redirects.</summary>
    public SocketsHttpHandler CreateHandler(CookieContainer? cookies = null) => new()
    {
        CookieContainer = cookies ?? new CookieContainer(),
        UseCookies = true,
        AllowAutoRedirect = false,
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => Authority.Validate(certificate, errors) },
    };

    /// <summary>An HTTP client for one user: its own cookie jar, generous timeout for a loaded machine.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null)
        => new(CreateHandler(cookies), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Opens a WebSocket through the gateway with the jar's cookies and an <c>Origin</c>, as a browser tab
    /// would (the handshake cannot carry the JWT). The socket owns the connection's handler.
    /// </summary>
    public async Task<GatewaySocket> ConnectWebSocketAsync(Uri uri, CookieContainer cookies, string origin, CancellationToken cancellationToken)
    {
        var invoker = new HttpMessageInvoker(CreateHandler(cookies), disposeHandler: true);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        var opened = new GatewaySocket(socket, invoker);
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken);
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.DnsEndPoint.Host.EndsWith("." + Domain, StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a host of the end-to-end system ({Domain}).");
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
