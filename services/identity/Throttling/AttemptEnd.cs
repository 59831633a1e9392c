namespace AtotiAuth.Identity.Throttling;

/// <summary>How a counted attempt ended (<see cref="ILoginAttemptStore.EndAsync"/>).</summary>
public enum AttemptEnd
{
    /// <summary>Refused: it stays counted.</summary>
    Failed,

    /// <summary>Given up before anything was tried (another limit was reached): its count is taken back.</summary>
    Withdrawn,

    /// <summary>Signed in: its count is taken back, and the field forgets the failures it had.</summary>
    Succeeded,
}
