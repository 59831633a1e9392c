namespace AtotiAuth.Identity.Principals;

/// <summary>The in-memory store starts empty at every start: nothing to migrate.</summary>
internal sealed class InMemoryLayoutMigration : IStoreLayoutMigration
{
    public Task<int> MigrateAsync(StoreLayoutPlan plan, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
