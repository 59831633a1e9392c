using System.Collections.Concurrent;

namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>
/// Every request the stand-in authenticated, newest last (the last 10,000), and a log line for each:
/// what tests read to prove that no request of a revoked session reached the server.
/// </summary>
public sealed partial class AtotiRequestLog(ILogger<AtotiRequestLog> logger, TimeProvider time)
{
    private const int Capacity = 10_000;

    private readonly ConcurrentQueue<Seen> _seen = new();

    /// <summary>The requests seen, oldest first.</summary>
    public IReadOnlyList<Seen> Requests => [.. _seen];

    internal void Record(HttpRequest request, AtotiCaller caller)
    {
        var seen = new Seen(time.GetUtcNow(), request.Method, request.Path.Value ?? "/", caller.User, caller.TokenSession, caller.Via);
        _seen.Enqueue(seen);
        while (_seen.Count > Capacity && _seen.TryDequeue(out _))
        {
        }

        LogSeen(logger, seen.Method, seen.Path, seen.User, seen.TokenSession ?? "-", seen.Via);
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Atoti stand-in: {Method} {Path} as {User} (token session {TokenSession}, via {Via})")]
    private static partial void LogSeen(ILogger logger, string method, string path, string user, string tokenSession, string via);

    /// <summary>One authenticated request.</summary>
    /// <param name="At">When it arrived.</param>
    /// <param name="Method">Its method.</param>
    /// <param name="Path">Its path.</param>
    /// <param name="User">Who it was authenticated as.</param>
    /// <param name="TokenSession">The AtotiAuth session (<c>sid</c>) of the JWT behind it.</param>
    /// <param name="Via"><c>jwt</c> or <c>session</c>.</param>
    public sealed record Seen(DateTimeOffset At, string Method, string Path, string User, string? TokenSession, string Via);
}
