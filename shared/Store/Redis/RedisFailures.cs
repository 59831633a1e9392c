using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Which Redis failures mean "the store is unavailable": the callers then answer 503 and fail closed
/// (DESIGN.md §5). A refused credential or a missing ACL permission counts too: the request was fine,
/// the deployment is not, and the log line names what Redis refused (issue 21). Anything else (a wrong
/// type, a script error) is our bug and stays what it is.
/// </summary>
public static class RedisFailures
{
    /// <summary>True when <paramref name="exception"/> means the store cannot serve this service now (catch filter of every Redis store).</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Kind is RedisErrorKind.ConnectionFault or RedisErrorKind.Timeout
            or RedisErrorKind.Loading or RedisErrorKind.ClusterDown or RedisErrorKind.MasterDown
            or RedisErrorKind.TryAgain or RedisErrorKind.NoReplicas or RedisErrorKind.Busy
            or RedisErrorKind.MaxClients or RedisErrorKind.OutOfMemory or RedisErrorKind.ReadOnly
            || IsRefused(server),
        RedisException plain => plain.GetType() == typeof(RedisException),
        _ => false,
    };

    /// <summary>Redis refused this client's user: no permission for a command, key or channel, or no valid sign-in.</summary>
    public static bool IsRefused(RedisServerException exception) =>
        exception.Kind is RedisErrorKind.NoPermission or RedisErrorKind.NoAuth or RedisErrorKind.WrongPass;

    /// <summary>The exception the callers turn into a 503, naming what Redis refused or that it did not answer.</summary>
    public static StoreUnavailableException Unavailable(Exception exception) => exception is RedisServerException server && IsRefused(server)
        ? new($"Redis refused this service's user: {FirstLine(server.Message)}. Grant it in deploy/k8s/base/redis/atotiauth.acl (docs/redis.md).", exception)
        : new($"Redis did not answer: {exception.GetType().Name}.", exception);

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}
