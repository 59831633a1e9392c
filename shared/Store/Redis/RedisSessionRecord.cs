using System.Text.Json;
using AtotiAuth.Shared.Sessions;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// A session as its Redis hash keeps it: times as Unix milliseconds, roles as JSON, the secret only as
/// SHA-256. The hash is written once, by the identity service; later uses are recorded in the session's
/// own last-seen key (<see cref="RedisKeys.LastSeen"/>), the later of the two being the last use.
/// </summary>
internal static class RedisSessionRecord
{
    public const string LastSeenField = "seen";
    private const string UserField = "user";
    private const string ProviderField = "provider";
    private const string RolesField = "roles";
    private const string CreatedField = "created";
    private const string ExpiresField = "expires";
    private const string SecretHashField = "secret-sha256";

    /// <summary>Field, value, field, value… as HSET takes them in a script.</summary>
    public static RedisValue[] ToFieldsAndValues(Session session, byte[] secretHash) =>
    [
        UserField, session.UserName,
        ProviderField, session.Provider,
        RolesField, JsonSerializer.Serialize([.. session.Roles], StoreJsonContext.Default.StringArray),
        CreatedField, session.CreatedAt.ToUnixTimeMilliseconds(),
        LastSeenField, session.LastSeenAt.ToUnixTimeMilliseconds(),
        ExpiresField, session.ExpiresAt.ToUnixTimeMilliseconds(),
        SecretHashField, secretHash,
    ];

    /// <summary>Reads a hash and its last-seen key; null when the hash is missing or incomplete (e.g. half-written by an older version).</summary>
    public static (Session Session, byte[] SecretHash)? Read(string sessionId, HashEntry[] entries, RedisValue lastSeen)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(static e => (string)e.Name!, static e => e.Value, StringComparer.Ordinal);
        if (!fields.TryGetValue(UserField, out var user) || !fields.TryGetValue(ProviderField, out var provider)
            || !fields.TryGetValue(RolesField, out var roles) || !fields.TryGetValue(CreatedField, out var created)
            || !fields.TryGetValue(LastSeenField, out var seen) || !fields.TryGetValue(ExpiresField, out var expires)
            || !fields.TryGetValue(SecretHashField, out var secretHash))
        {
            return null;
        }

        var session = new Session(
            sessionId,
            user!,
            provider!,
            JsonSerializer.Deserialize((string)roles!, StoreJsonContext.Default.StringArray) ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds((long)created),
            DateTimeOffset.FromUnixTimeMilliseconds(lastSeen.TryParse(out long used) && used > (long)seen ? used : (long)seen),
            DateTimeOffset.FromUnixTimeMilliseconds((long)expires));
        return (session, (byte[])secretHash!);
    }
}
