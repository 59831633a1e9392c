namespace AtotiAuth.Shared.Throttling;

/// <summary>What <see cref="ILoginAttemptStore.TryCountAsync"/> did.</summary>
public enum AttemptVerdict
{
    /// <summary>The attempt was counted: it may go on.</summary>
    Counted,

    /// <summary>The field (one client network of a user name) reached its limit: nothing was counted.</summary>
    FieldLimit,

    /// <summary>The key's total (every field) reached its limit: nothing was counted.</summary>
    TotalLimit,
}
