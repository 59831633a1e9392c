using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>
/// The server's own HTTP sessions, in memory as a servlet container keeps them: an unguessable id in the
/// session cookie, the authenticated caller, an idle timeout. Nothing else ends one but a logout: the
/// server knows nothing of AtotiAuth's revocations (the sidecar in front of it does).
/// </summary>
internal sealed class AtotiSessions(IOptions<AtotiServerOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    public string Create(AtotiCaller caller)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        _sessions[id] = new Entry(caller with { Via = "session" }, time.GetUtcNow());
        return id;
    }

    public AtotiCaller? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var entry))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - entry.LastSeen > options.Value.SessionTimeout)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        entry.LastSeen = now;
        return entry.Caller;
    }

    public void Invalidate(string? id)
    {
        if (id is not null)
        {
            _sessions.TryRemove(id, out _);
        }
    }

    private sealed class Entry(AtotiCaller caller, DateTimeOffset lastSeen)
    {
        public AtotiCaller Caller { get; } = caller;

        public DateTimeOffset LastSeen { get; set; } = lastSeen;
    }
}
