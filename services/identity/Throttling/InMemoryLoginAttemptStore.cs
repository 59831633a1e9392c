namespace AtotiAuth.Identity.Throttling;

/// <summary>Login attempts of the standalone host: the Redis store's rules, keys dropped when their window or lifetime ends.</summary>
internal sealed class InMemoryLoginAttemptStore(TimeProvider time) : ILoginAttemptStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Remembered> _remembered = new(StringComparer.Ordinal);
    private int _pruneAt = 1024;

    public Task<AttemptVerdict> TryCountAsync(string key, string field, int fieldLimit, int totalLimit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        var now = time.GetUtcNow();
        lock (_gate)
        {
            PruneWhenGrown(now);
            if (!_counters.TryGetValue(key, out var counter) || now >= counter.EndsAt)
            {
                _counters[key] = counter = new Counter(now + window);
            }

            if (counter.Fields.GetValueOrDefault(field) >= fieldLimit)
            {
                return Task.FromResult(counter.FieldsPending.GetValueOrDefault(field) > 0 ? AttemptVerdict.Busy : AttemptVerdict.FieldLimit);
            }

            if (counter.Total >= totalLimit)
            {
                return Task.FromResult(counter.Pending > 0 ? AttemptVerdict.Busy : AttemptVerdict.TotalLimit);
            }

            counter.Fields[field] = counter.Fields.GetValueOrDefault(field) + 1;
            counter.FieldsPending[field] = counter.FieldsPending.GetValueOrDefault(field) + 1;
            counter.Total++;
            counter.Pending++;
            return Task.FromResult(AttemptVerdict.Counted);
        }
    }

    public Task EndAsync(string key, string field, AttemptEnd end, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(field);
        lock (_gate)
        {
            if (_counters.TryGetValue(key, out var counter) && counter.FieldsPending.GetValueOrDefault(field) > 0)
            {
                counter.FieldsPending[field]--;
                counter.Pending--;
                if (end != AttemptEnd.Failed)
                {
                    counter.Total--;
                    counter.Fields[field] = end == AttemptEnd.Succeeded ? 0 : counter.Fields[field] - 1;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> GetAsync(string key, string? field = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            return Task.FromResult(_counters.TryGetValue(key, out var counter) && time.GetUtcNow() < counter.EndsAt
                ? field is null ? counter.Total : counter.Fields.GetValueOrDefault(field)
                : 0);
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

    public Task RememberAsync(string key, string member, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(member);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            PruneWhenGrown(now);
            if (!_remembered.TryGetValue(key, out var remembered))
            {
                _remembered[key] = remembered = new Remembered();
            }

            remembered.Members[member] = now;
            remembered.ExpiresAt = now + lifetime;
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsRememberedAsync(string key, string member, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(member);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult(_remembered.TryGetValue(key, out var remembered) && remembered.Members.TryGetValue(member, out var at) && now - at < lifetime);
        }
    }

    /// <summary>Drops ended windows and lifetimes once the tables doubled since the last sweep: amortised constant time.</summary>
    private void PruneWhenGrown(DateTimeOffset now)
    {
        if (_counters.Count + _remembered.Count < _pruneAt)
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

        foreach (var (key, remembered) in _remembered)
        {
            if (now >= remembered.ExpiresAt)
            {
                _remembered.Remove(key);
            }
        }

        _pruneAt = Math.Max(1024, (_counters.Count + _remembered.Count) * 2);
    }

    private sealed class Counter(DateTimeOffset endsAt)
    {
        public DateTimeOffset EndsAt { get; } = endsAt;

        public int Total { get; set; }

        public int Pending { get; set; }

        public Dictionary<string, int> Fields { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> FieldsPending { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Remembered
    {
        public DateTimeOffset ExpiresAt { get; set; }

        public Dictionary<string, DateTimeOffset> Members { get; } = new(StringComparer.Ordinal);
    }
}
