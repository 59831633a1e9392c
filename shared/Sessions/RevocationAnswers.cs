using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// The answers <see cref="RevocationCache"/> keeps: session id → revoked or not, and when it was
/// learnt. An answer lives as long as a revocation is retained; past <see cref="RevocationCacheOptions.MaxEntries"/>
/// the table sheds expired answers first, then unrevoked ones, then everything (a dropped answer is asked
/// of the store again, never guessed).
/// </summary>
internal sealed partial class RevocationAnswers(int maxEntries, TimeSpan lifetime, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _trimming;

    // ConcurrentDictionary.Count takes every bucket lock, and every process hears every revocation: the
    // bound is checked against this count of adds and removes instead (exact but for racing writes to
    // one id, and made exact again at each trim).
    private int _count;

    public int Count => _entries.Count;

    /// <summary>The answer kept for <paramref name="sessionId"/>, unless there is none or it has expired (then it is dropped).</summary>
    public bool TryGet(string sessionId, DateTimeOffset now, out bool revoked)
    {
        revoked = false;
        if (!_entries.TryGetValue(sessionId, out var entry))
        {
            return false;
        }

        if (now - entry.StoredAt >= lifetime)
        {
            Remove(sessionId, entry);
            return false;
        }

        revoked = entry.Revoked;
        return true;
    }

    /// <summary>Keeps "revoked", over any earlier answer.</summary>
    public void SetRevoked(string sessionId, DateTimeOffset now)
    {
        var entry = new Entry(Revoked: true, now);
        if (_entries.TryAdd(sessionId, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[sessionId] = entry;
        }

        TrimWhenFull(now);
    }

    /// <summary>Keeps "not revoked" unless an answer is already kept (a revocation heard meanwhile wins).</summary>
    public void AddUnrevoked(string sessionId, DateTimeOffset now)
    {
        if (_entries.TryAdd(sessionId, new Entry(Revoked: false, now)))
        {
            Interlocked.Increment(ref _count);
            TrimWhenFull(now);
        }
    }

    /// <summary>Drops every "not revoked" answer; the caller holds its lock, after changing the feed, so no older answer is kept afterwards.</summary>
    public void DropUnrevoked()
    {
        foreach (var (sessionId, entry) in _entries)
        {
            if (!entry.Revoked)
            {
                Remove(sessionId, entry);
            }
        }
    }

    private void Remove(string sessionId, Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(sessionId, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void TrimWhenFull(DateTimeOffset now)
    {
        if (Volatile.Read(ref _count) <= maxEntries || Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (sessionId, entry) in _entries)
            {
                if (now - entry.StoredAt >= lifetime)
                {
                    Remove(sessionId, entry);
                }
            }

            if (_entries.Count > maxEntries)
            {
                DropUnrevoked();
            }

            if (_entries.Count > maxEntries)
            {
                _entries.Clear();
            }

            var count = _entries.Count;
            Volatile.Write(ref _count, count);
            LogTrimmed(logger, count, maxEntries);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information,
        Message = "Revocation cache full: trimmed to {Count} entries (limit {MaxEntries}).")]
    private static partial void LogTrimmed(ILogger logger, int count, int maxEntries);

    private readonly record struct Entry(bool Revoked, DateTimeOffset StoredAt);
}
