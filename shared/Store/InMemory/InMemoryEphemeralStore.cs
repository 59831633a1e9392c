using System.Collections.Concurrent;

namespace AtotiAuth.Shared.Store.InMemory;

/// <summary>Markers and sets in process memory, expiring by the injected clock; pruned as they are touched.</summary>
internal sealed class InMemoryEphemeralStore(TimeProvider time) : IEphemeralStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _marks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _sets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset ExpiresAt)> _values = new(StringComparer.Ordinal);

    public Task<bool> TryMarkAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = time.GetUtcNow();
        Prune(now);
        return Task.FromResult(_marks.TryAdd(key, now + timeToLive));
    }

    public Task AddToSetAsync(string key, string member, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(member);
        var now = time.GetUtcNow();
        var entry = _sets.AddOrUpdate(
            key,
            _ => new Entry(now + timeToLive),
            (_, existing) => existing.ExpiresAt <= now ? new Entry(now + timeToLive) : existing);
        lock (entry)
        {
            entry.Members.Add(member);
            if (entry.ExpiresAt < now + timeToLive)
            {
                entry.ExpiresAt = now + timeToLive;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetSetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_sets.TryGetValue(key, out var entry))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        lock (entry)
        {
            return Task.FromResult<IReadOnlyList<string>>(entry.ExpiresAt <= time.GetUtcNow() ? [] : [.. entry.Members]);
        }
    }

    public Task<string> GetOrAddAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        var now = time.GetUtcNow();
        var stored = _values.AddOrUpdate(
            key,
            _ => (value, now + timeToLive),
            (_, existing) => existing.ExpiresAt <= now ? (value, now + timeToLive) : existing);
        return Task.FromResult(stored.Value);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, expiresAt) in _marks)
        {
            if (expiresAt <= now)
            {
                _marks.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
    }
}
