using AtotiAuth.Shared.Throttling;

namespace AtotiAuth.Shared.Store.InMemory;

/// <summary>Login throttling counters of the standalone host.</summary>
internal sealed class InMemoryLoginAttemptStore(TimeProvider time) : ILoginAttemptStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private int _pruneAt = 1024;

    public Task<int> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        var now = time.GetUtcNow();
        lock (_gate)
        {
            PruneWhenGrown(now);
            var counter = _counters.TryGetValue(key, out var current) && now < current.EndsAt
                ? current with { Count = current.Count + 1 }
                : new Counter(1, now + window);
            _counters[key] = counter;
            return Task.FromResult(counter.Count);
        }
    }

    public Task<int> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            return Task.FromResult(_counters.TryGetValue(key, out var counter) && time.GetUtcNow() < counter.EndsAt ? counter.Count : 0);
        }
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            _counters.Remove(key);
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops ended windows once the table doubled since the last sweep: amortised constant time.</summary>
    private void PruneWhenGrown(DateTimeOffset now)
    {
        if (_counters.Count < _pruneAt)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            if (now >= counter.EndsAt)
            {
                _counters.Remove(key);
            }
        }

        _pruneAt = Math.Max(1024, _counters.Count * 2);
    }

    private sealed record Counter(int Count, DateTimeOffset EndsAt);
}
