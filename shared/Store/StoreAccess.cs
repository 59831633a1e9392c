namespace AtotiAuth.Shared.Store;

/// <summary>
/// What a service does with the store, by key family (docs/redis.md), so that its readiness check can
/// try each with a command that changes nothing and name what Redis refuses (issue 21). Each
/// registration extension adds what it uses (<see cref="StoreAccessExtensions.AddStoreAccess"/>).
/// </summary>
[Flags]
public enum StoreAccess
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Read sessions and their last use (<c>session:*</c>, <c>last-seen:*</c>).</summary>
    ReadSessions = 1 << 0,

    /// <summary>Record a session's use (<c>last-seen:*</c>): the token service at <c>/jwt</c>.</summary>
    RecordSessionUse = 1 << 1,

    /// <summary>Create and end sessions (<c>session:*</c>, <c>user-sessions:*</c>, <c>last-seen:*</c>).</summary>
    WriteSessions = 1 << 2,

    /// <summary>Read revocations (<c>revoked:*</c>).</summary>
    ReadRevocations = 1 << 3,

    /// <summary>Record and publish revocations (<c>revoked:*</c>, channel <c>revocations</c>, <c>WAIT</c>).</summary>
    WriteRevocations = 1 << 4,

    /// <summary>Hear revocations (channel <c>revocations</c>); checked by the subscription itself.</summary>
    SubscribeRevocations = 1 << 5,

    /// <summary>Read and write basic users (<c>users*</c>).</summary>
    Users = 1 << 6,

    /// <summary>Read and write roles (<c>roles:*</c>).</summary>
    Roles = 1 << 7,

    /// <summary>Count failed logins (<c>login-attempts:*</c>).</summary>
    LoginAttempts = 1 << 8,

    /// <summary>One-time markers and side indexes (<c>ephemeral:*</c>).</summary>
    Ephemeral = 1 << 9,

    /// <summary>Read and add to the Data Protection key ring (<c>data-protection-keys*</c>).</summary>
    KeyRing = 1 << 10,

    /// <summary>Read the store's generation marker (<c>generation</c>).</summary>
    ReadGeneration = 1 << 11,

    /// <summary>Write the store's generation marker (<c>generation</c>): the service that seeds the store.</summary>
    WriteGeneration = 1 << 12,

    /// <summary>Everything: the identity service.</summary>
    Writer = (1 << 13) - 1,
}
