namespace AtotiAuth.Identity.Principals;

/// <summary>Brings data stored by an older version into the current layout; once per store, safe to call again.</summary>
public interface IStoreLayoutMigration
{
    /// <summary>Migrates, when the store still has the old layout; returns how many individual role entries stayed unassigned.</summary>
    Task<int> MigrateAsync(StoreLayoutPlan plan, CancellationToken cancellationToken = default);
}
