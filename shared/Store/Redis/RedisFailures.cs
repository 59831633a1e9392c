using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Which Redis failures mean "the store is unavailable": the callers then answer 503 and fail closed
/// (DESIGN.md §5). Anything else (a wrong type, a script error) is our bug and stays what it is.
/// </summary>
internal static class RedisFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Kind is RedisErrorKind.ConnectionFault or RedisErrorKind.Timeout
            or RedisErrorKind.Loading or RedisErrorKind.ClusterDown or RedisErrorKind.MasterDown
            or RedisErrorKind.TryAgain or RedisErrorKind.NoReplicas or RedisErrorKind.Busy
            or RedisErrorKind.MaxClients or RedisErrorKind.OutOfMemory or RedisErrorKind.ReadOnly,
        RedisException plain => plain.GetType() == typeof(RedisException),
        _ => false,
    };

    public static StoreUnavailableException Unavailable(Exception exception) =>
        new($"Redis did not answer: {exception.GetType().Name}.", exception);
}
