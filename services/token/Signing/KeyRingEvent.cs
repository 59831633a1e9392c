namespace AtotiAuth.Token.Signing;

/// <summary>What changed in the key ring at one update, for the log.</summary>
internal enum KeyRingEventKind
{
    /// <summary>A key appeared and is now published.</summary>
    Published,

    /// <summary>The key now signs.</summary>
    Activated,

    /// <summary>The key stopped signing; it stays published for the retention.</summary>
    Retired,

    /// <summary>The key is no longer published.</summary>
    Dropped,

    /// <summary>The key was named active but waits for its publish lead.</summary>
    Waiting,

    /// <summary>The key named active is not in the directory; the current key keeps signing.</summary>
    ActiveMissing,

    /// <summary>A file's key material changed under the same kid; the old material is kept.</summary>
    Changed,
}

/// <summary>One change of the key ring.</summary>
internal sealed record KeyRingEvent(KeyRingEventKind Kind, string KeyId, DateTimeOffset? At = null);
