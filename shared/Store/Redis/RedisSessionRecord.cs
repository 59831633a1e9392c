using System.Text.Json;
using AtotiAuth.Shared.Sessions;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// A session as its Redis hash keeps it: times as Unix milliseconds, roles as JSON, the secret only as
/// SHA-256. Only the identity service writes the hash (at sign-in, and its roles when they change); later
/// uses are recorded in the session's own last-seen key (<see cref="RedisKeys.LastSeen"/>), the later of the two being the last use.
/// </summary>
internal static class RedisSessionRecord
{
    public const string LastSeenField = "seen";
    public const string UserField = "user";
    public const string ProviderField = "provider";
    public const string RolesField = "roles";
    private const string CreatedField = "created";
    private const string ExpiresField = "expires";
    private const string SecretHashField = "secret-sha256";
    private const string ProviderRolesField = "provider-roles";

    /// <summary>Field, value, field, value… as HSET takes them in a script.</summary>
    public static RedisValue[] ToFieldsAndValues(Session session, byte[] secretHash) =>
    [
        ProviderRolesField, Json(session.ProviderRoles ?? []),
        UserField, session.UserName,
        ProviderField, session.Provider,
        RolesField, Json(session.Roles),
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
            Strings(roles),
            DateTimeOffset.FromUnixTimeMilliseconds((long)created),
            DateTimeOffset.FromUnixTimeMilliseconds(lastSeen.TryParse(out long used) && used > (long)seen ? used : (long)seen),
            DateTimeOffset.FromUnixTimeMilliseconds((long)expires),
            fields.TryGetValue(ProviderRolesField, out var providerRoles) ? Strings(providerRoles) : null);
        return (session, (byte[])secretHash!);
    }

    public static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize([.. values], StoreJsonContext.Default.StringArray);

    private static string[] Strings(RedisValue json) => JsonSerializer.Deserialize((string)json!, StoreJsonContext.Default.StringArray) ?? [];
}
