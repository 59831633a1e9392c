namespace AtotiAuth.Identity.Audit;

/// <summary>
/// A read of the trail, newest first: events whose actor or target is <paramref name="User"/>, whose
/// action is <paramref name="Action"/> or under it (<c>roles</c> finds <c>roles.mapping.set</c>), at or
/// after <paramref name="Since"/>, at most <paramref name="Limit"/>.
/// </summary>
internal sealed record AuditQuery(string? User, string? Action, DateTimeOffset? Since, int Limit)
{
    /// <summary>The most stream entries one read looks at, whatever the filters keep.</summary>
    public const int ScanLimit = 10_000;

    public bool Matches(AuditEvent e)
        => (Since is null || e.Time >= Since)
            && (string.IsNullOrEmpty(User) || e.Actor == User || e.Target == User)
            && (string.IsNullOrEmpty(Action) || e.Action == Action || e.Action.StartsWith(Action + ".", StringComparison.Ordinal));
}
