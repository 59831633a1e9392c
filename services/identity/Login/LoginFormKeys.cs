using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// The login form's HMAC keys, one per day, the same for every replica: the first replica to need a
/// day's key stores a random one in the shared store (first write wins) and everybody uses that one.
/// A form is accepted with the key of its day or of the day before, so a key is used for at most two
/// days and a form stays valid one to two days. Keys are kept in memory for a few minutes, then read
/// again, so replicas agree again soon after the store lost its data.
/// </summary>
internal sealed class LoginFormKeys(IEphemeralStore store, TimeProvider time)
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    private static readonly TimeSpan Reread = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, (byte[] Key, DateTimeOffset ReadAt)> _keys = new();

    public long CurrentPeriod => time.GetUtcNow().ToUnixTimeMilliseconds() / (long)Period.TotalMilliseconds;

    public bool IsAccepted(long period)
    {
        var current = CurrentPeriod;
        return period == current || period == current - 1;
    }

    /// <summary>The key of <paramref name="period"/>; <paramref name="fresh"/> reads it from the store whatever is cached.</summary>
    public async ValueTask<byte[]> GetAsync(long period, bool fresh, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!fresh && _keys.TryGetValue(period, out var cached) && now - cached.ReadAt < Reread)
        {
            return cached.Key;
        }

        var candidate = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var stored = await store.GetOrAddAsync($"login-form-key:{period}", candidate, 3 * Period, cancellationToken);
        var key = Base64Url.DecodeFromChars(stored);
        _keys[period] = (key, now);
        foreach (var old in _keys.Keys)
        {
            if (old < period - 1)
            {
                _keys.TryRemove(old, out _);
            }
        }

        return key;
    }
}
