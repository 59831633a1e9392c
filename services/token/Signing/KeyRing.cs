namespace AtotiAuth.Token.Signing;

/// <summary>The signing key and the published keys after an update.</summary>
/// <param name="Signer">The key that signs now.</param>
/// <param name="Published">Keys to publish in the JWKS (asymmetric only), ordered by kid.</param>
/// <param name="Events">What changed.</param>
internal sealed record KeyRingState(LoadedKey Signer, IReadOnlyList<LoadedKey> Published, IReadOnlyList<KeyRingEvent> Events);

/// <summary>
/// Rotation rules, kept free of I/O so they can be tested with a fake clock:
/// a key seen for the first time is published at once but signs only after <c>publishLead</c>
/// (keys present at the first update are taken as long published, so a restart signs at once);
/// a key that stops signing stays published for <c>retention</c> (the longest token lifetime plus skew),
/// even when its file is gone; a file whose key changed under the same kid keeps its first key, because
/// verifiers cache keys by kid and would reject every token signed with the new one.
/// </summary>
internal sealed class KeyRing(TimeSpan publishLead, TimeSpan retention)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private Entry? _signer;
    private bool _initialized;

    /// <summary>Applies the directory's current keys.</summary>
    /// <exception cref="SigningKeyException">No key can sign: the active kid is unknown and nothing signed before.</exception>
    public KeyRingState Apply(IReadOnlyList<LoadedKey> keys, string activeKeyId, string activeSource, DateTimeOffset now)
    {
        var events = new List<KeyRingEvent>();
        foreach (var entry in _entries.Values)
        {
            entry.Present = false;
        }

        foreach (var key in keys)
        {
            if (_entries.TryGetValue(key.KeyId, out var entry))
            {
                if (!string.Equals(entry.Key.Thumbprint, key.Thumbprint, StringComparison.Ordinal) && !entry.ChangeReported)
                {
                    entry.ChangeReported = true;
                    events.Add(new(KeyRingEventKind.Changed, key.KeyId));
                }

                entry.Present = true;
            }
            else
            {
                _entries[key.KeyId] = new Entry(key, _initialized ? now : now - publishLead) { Present = true };
                if (_initialized)
                {
                    events.Add(new(KeyRingEventKind.Published, key.KeyId));
                }
            }
        }

        SelectSigner(activeKeyId, activeSource, now, events);
        Prune(now, events);
        _initialized = true;

        var published = _entries.Values.Where(e => !e.Key.IsSymmetric).Select(e => e.Key).OrderBy(k => k.KeyId, StringComparer.Ordinal).ToList();
        return new KeyRingState(_signer!.Key, published, events);
    }

    private void SelectSigner(string activeKeyId, string activeSource, DateTimeOffset now, List<KeyRingEvent> events)
    {
        if (!_entries.TryGetValue(activeKeyId, out var desired) || !desired.Present)
        {
            if (_signer is null)
            {
                throw new SigningKeyException($"{activeSource} names the key '{activeKeyId}', which is not in the key directory " +
                    $"(keys found: {string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal))}).");
            }

            events.Add(new(KeyRingEventKind.ActiveMissing, activeKeyId));
            return;
        }

        if (ReferenceEquals(desired, _signer))
        {
            return;
        }

        var readyAt = desired.PublishedAt + publishLead;
        if (readyAt > now && _signer is { Present: true })
        {
            events.Add(new(KeyRingEventKind.Waiting, desired.Key.KeyId, readyAt));
            return;
        }

        if (_signer is not null)
        {
            _signer.RetiredAt = now;
            events.Add(new(KeyRingEventKind.Retired, _signer.Key.KeyId, now + retention));
        }

        desired.RetiredAt = null;
        _signer = desired;
        events.Add(new(KeyRingEventKind.Activated, desired.Key.KeyId));
    }

    private void Prune(DateTimeOffset now, List<KeyRingEvent> events)
    {
        foreach (var (kid, entry) in _entries.ToList())
        {
            if (entry.Present || ReferenceEquals(entry, _signer))
            {
                continue;
            }

            if (entry.RetiredAt is not { } retiredAt || retiredAt + retention <= now)
            {
                _entries.Remove(kid);
                events.Add(new(KeyRingEventKind.Dropped, kid));
            }
        }
    }

    private sealed class Entry(LoadedKey key, DateTimeOffset publishedAt)
    {
        public LoadedKey Key { get; } = key;

        public DateTimeOffset PublishedAt { get; } = publishedAt;

        public bool Present { get; set; }

        public bool ChangeReported { get; set; }

        public DateTimeOffset? RetiredAt { get; set; }
    }
}
