using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Every key and channel under <see cref="StoreOptions.KeyPrefix"/>, in families of one prefix each,
/// which the per-service Redis ACL users of <c>deploy/k8s/base/redis/atotiauth.acl</c> are granted by pattern
/// (docs/redis.md lists who reads and writes which). Each command touches one key, so cluster
/// connection strings work without hash tags; an operator who wants everything on one slot puts a tag
/// in the prefix (<c>{atotiauth}:</c>). Public as the one map of the keyspace: the identity service's
/// own stores (users, roles, throttling) take their keys from it too.
/// </summary>
/// <param name="prefix">The key prefix (<see cref="StoreOptions.KeyPrefix"/>).</param>
public sealed class RedisKeys(string prefix)
{
    /// <summary>Hash per session: user, provider, roles, timestamps and the secret's SHA-256.</summary>
    public RedisKey Session(string sessionId) => $"{prefix}session:{sessionId}";

    /// <summary>
    /// A session's last use (Unix milliseconds), kept apart from its hash so that the token service,
    /// which records uses at <c>/jwt</c>, needs no write access to sessions (issue 21).
    /// </summary>
    public RedisKey LastSeen(string sessionId) => $"{prefix}last-seen:{sessionId}";

    /// <summary>Set of a principal's session ids, pruned of ended ones when listed (provider ids hold no ':' after their own, so keys never collide).</summary>
    public RedisKey UserSessions(string provider, string userName) => $"{prefix}user-sessions:{provider}:{userName}";

    /// <summary>Set of the user names of a provider with sessions, so a change of the provider's roles reaches them.</summary>
    public RedisKey SessionUsers(string provider) => $"{prefix}session-users:{provider}";

    /// <summary>Before version 2 of the layout: set of a user name's session ids, whatever its provider.</summary>
    public string LegacyUserSessionsPattern => $"{prefix}user-sessions:*";

    /// <summary>String per revoked session (the revocation time), expiring after the retention.</summary>
    public RedisKey Revoked(string sessionId) => $"{prefix}revoked:{sessionId}";

    /// <summary>Pub/sub channel carrying revoked session ids.</summary>
    public RedisChannel Revocations => RedisChannel.Literal(RevocationsName);

    /// <summary>The name of <see cref="Revocations"/>, as a script publishes to it.</summary>
    public string RevocationsName => $"{prefix}revocations";

    /// <summary>Hash of basic users: user name → JSON.</summary>
    public RedisKey Users => $"{prefix}users";

    /// <summary>Hash per provider of its users' individual roles: user name → JSON array.</summary>
    public RedisKey IndividualRoles(string provider) => $"{prefix}roles:individual:{provider}";

    /// <summary>Before version 2 of the layout: one hash of individual roles, user name → JSON array, whatever the provider.</summary>
    public RedisKey LegacyIndividualRoles => $"{prefix}roles:individual";

    /// <summary>Hash of links: <c>{provider}/{user}</c> → the <c>{provider}/{user}</c> whose individual roles it shares.</summary>
    public RedisKey RoleLinks => $"{prefix}roles:links";

    /// <summary>Hash per provider of its role mapping: provider role or user name → JSON array.</summary>
    public RedisKey RoleMapping(string provider) => $"{prefix}roles:mapping:{provider}";

    /// <summary>Hash of default roles: provider → JSON array.</summary>
    public RedisKey DefaultRoles => $"{prefix}roles:default";

    /// <summary>Hash per throttling counter (window end, total, per-field counts) or remembered set, each with a TTL.</summary>
    public RedisKey LoginAttempts(string key) => $"{prefix}login-attempts:{key}";

    /// <summary>
    /// The store's generation: a random value the identity service writes once it has seeded the store.
    /// Gone or changed means Redis lost its data (<c>StoreDataLossMonitor</c>).
    /// </summary>
    public RedisKey Generation => $"{prefix}generation";

    /// <summary>String holding the store layout's version, and the lock of the replica migrating it.</summary>
    public RedisKey LayoutVersion => $"{prefix}layout-version";

    /// <summary>Lock held by the replica that migrates the layout at start (<c>RedisLayoutMigration</c>).</summary>
    public RedisKey LayoutLock => $"{prefix}layout-version:lock";

    /// <summary>List holding the Data Protection key ring.</summary>
    public RedisKey DataProtectionKeys => $"{prefix}data-protection-keys";

    /// <summary>Lock held by the replica that checks the key ring at start (<c>KeyRingInitializer</c>).</summary>
    public RedisKey DataProtectionKeysLock => $"{prefix}data-protection-keys:lock";
}
