using System.Diagnostics;
using System.Net;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Ping.Revocation;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// Forwards a request to the cube with YARP's direct forwarder (one fixed destination, so no route
/// table). A WebSocket stays open through it while its session lives: until its revocation, or an end
/// of the session found when its cookie expires (<see cref="SocketLifetime"/>).
/// </summary>
internal sealed partial class CubeProxy : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly CubeTransformer _transformer;
    private readonly CubeTransformer _pingTransformer;
    private readonly OpenSockets _sockets;
    private readonly SocketLifetime _lifetime;
    private readonly RevocationCache _revocations;
    private readonly ILogger<CubeProxy> _logger;
    private readonly string _cube;
    private readonly ForwarderRequestConfig _config;
    private readonly HttpMessageInvoker _invoker;

    public CubeProxy(
        IHttpForwarder forwarder,
        CubeHeaders headers,
        CubeCookieWriter cookie,
        OpenSockets sockets,
        SocketLifetime lifetime,
        RevocationCache revocations,
        IOptions<PingOptions> options,
        ILogger<CubeProxy> logger)
    {
        var settings = options.Value;
        _forwarder = forwarder;
        _transformer = new CubeTransformer(headers, cookie, settings, isPing: false);
        _pingTransformer = new CubeTransformer(headers, cookie, settings, isPing: true);
        _sockets = sockets;
        _lifetime = lifetime;
        _revocations = revocations;
        _logger = logger;
        _cube = settings.CubeUrl!;
        _config = new ForwarderRequestConfig { ActivityTimeout = settings.ProxyActivityTimeout };

        // YARP's recommended client for direct forwarding: no proxy, no redirects, no decompression, no
        // cookie container (cookies belong to the browser), trace context passed on.
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });
    }

    /// <summary>
    /// Forwards an HTTP request as is; <see cref="Report"/> reads the outcome. Not an async method of
    /// its own: the endpoint awaits the forwarder directly (one state machine fewer per request).
    /// </summary>
    public ValueTask<ForwarderError> SendAsync(HttpContext context) => Forward(context, _transformer);

    /// <summary>Forwards a ping to an Atoti server, which sets its own cookie; this cube's cookie is added when it answers 2xx.</summary>
    public ValueTask<ForwarderError> SendPingAsync(HttpContext context) => Forward(context, _pingTransformer);

    /// <summary>Forwards a WebSocket handshake and relays the socket; null when the cube answered, else the failure.</summary>
    public async ValueTask<ProblemCode?> ForwardSocketAsync(HttpContext context, AtotiAuthCaller caller)
    {
        using var tracking = _sockets.Track(caller.SessionId, context);

        // A revocation heard between the check and the tracking would otherwise be missed.
        if (await _revocations.IsRevokedAsync(caller.SessionId, context.RequestAborted))
        {
            return CommonProblems.SessionRevoked;
        }

        using var lifetime = _lifetime.Watch(context, caller);
        LogSocketOpened(_logger, caller.SessionId, caller.ExpiresAt);
        return Report(context, await SendAsync(context));
    }

    public void Dispose() => _invoker.Dispose();

    private ValueTask<ForwarderError> Forward(HttpContext context, CubeTransformer transformer)
    {
        // The cube's answer is passed on as it is: an empty 401 or 404 of the cube's own must not be
        // rewritten into one of our problem bodies by the service defaults' status code pages.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        return _forwarder.SendAsync(context, _cube, _invoker, _config, transformer);
    }

    /// <summary>Null when the cube answered (or the client went away), else the failure to answer with.</summary>
    public ProblemCode? Report(HttpContext context, ForwarderError error)
    {
        if (error == ForwarderError.None || context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        LogForwardFailed(_logger, error, exception?.GetType().Name ?? "none");
        return context.Response.HasStarted ? null : PingProblems.CubeUnavailable;
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "Forwarding to the cube failed: {Error} ({ExceptionType})")]
    private static partial void LogForwardFailed(ILogger logger, ForwarderError error, string exceptionType);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Debug, Message = "WebSocket opened for session {SessionId}; its session is looked up at {ExpiresAt:O}")]
    private static partial void LogSocketOpened(ILogger logger, string sessionId, DateTimeOffset expiresAt);
}
