using System.Globalization;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Audit;

/// <summary>
/// The trail in one Redis stream, <c>{prefix}audit</c> (key family <c>audit</c>), shared by every
/// replica: <c>XADD</c> capped at <see cref="AuditOptions.MaxEvents"/> (approximately, by whole blocks),
/// and at most once a minute an <c>XTRIM MINID</c> drops what is older than <see cref="AuditOptions.Retention"/>.
/// Entry ids are Redis's own (milliseconds and a sequence), so a <c>since</c> read starts at an id.
/// </summary>
internal sealed class RedisAuditStore(IConnectionMultiplexer redis, IOptions<StoreOptions> store, IOptions<AuditOptions> options, TimeProvider time) : IAuditStore
{
    private static readonly TimeSpan TrimInterval = TimeSpan.FromMinutes(1);
    private readonly RedisKey _key = store.Value.KeyPrefix + "audit";
    private long _nextTrim;

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        NameValueEntry[] fields =
        [
            new("time", auditEvent.Time.ToUnixTimeMilliseconds()),
            new("actor", auditEvent.Actor),
            new("session", auditEvent.ActorSession),
            new("action", auditEvent.Action),
            new("target", auditEvent.Target),
            new("outcome", auditEvent.Outcome),
            new("client", auditEvent.ClientAddress),
            new("detail", auditEvent.Detail),
        ];
        var database = redis.GetDatabase();
        await CallAsync(() => database.StreamAddAsync(_key, fields, maxLength: settings.MaxEvents, useApproximateMaxLength: true), cancellationToken);

        var now = time.GetUtcNow();
        var due = Interlocked.Read(ref _nextTrim);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextTrim, (now + TrimInterval).UtcTicks, due) == due)
        {
            var oldest = (now - settings.Retention).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            await CallAsync(() => database.ExecuteAsync("XTRIM", _key, "MINID", "~", oldest), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        RedisValue from = query.Since is { } since ? since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "-";
        var entries = await CallAsync(
            () => redis.GetDatabase().StreamRangeAsync(_key, minId: from, maxId: "+", count: AuditQuery.ScanLimit, messageOrder: Order.Descending),
            cancellationToken);
        return [.. entries.Select(ToEvent).Where(query.Matches).Take(query.Limit)];
    }

    private static AuditEvent ToEvent(StreamEntry entry)
    {
        string Field(string name) => (string?)entry[name] ?? AuditActions.None;
        var time = long.TryParse(Field("time"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UnixEpoch;
        return new AuditEvent((string)entry.Id!, time, Field("actor"), Field("session"), Field("action"), Field("target"), Field("outcome"), Field("client"), (string?)entry["detail"] ?? "");
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new StoreUnavailableException($"Redis did not answer: {ex.GetType().Name}.", ex);
        }
    }
}
