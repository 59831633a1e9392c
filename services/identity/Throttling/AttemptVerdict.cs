namespace AtotiAuth.Identity.Throttling;

/// <summary>What <see cref="ILoginAttemptStore.TryCountAsync"/> did.</summary>
public enum AttemptVerdict
{
    /// <summary>The attempt was counted: it may go on, and must be ended with <see cref="ILoginAttemptStore.EndAsync"/>.</summary>
    Counted,

    /// <summary>The field (one client network of a user name) reached its limit: nothing was counted.</summary>
    FieldLimit,

    /// <summary>The key's total (every field) reached its limit: nothing was counted.</summary>
    TotalLimit,

    /// <summary>A limit is reached only by attempts still under way: nothing was counted; ask again once they end.</summary>
    Busy,
}
