namespace AtotiAuth.Shared.Store;

/// <summary>
/// Puts what an operator configured into the store: configured users, role mappings, the CSV file. Run
/// at start, and again at once when the store is found to have lost its data
/// (<see cref="StoreDataLossMonitor"/>), so nobody waits for a restart to sign in again. Must be
/// idempotent: create what is missing, never undo a change made through the admin API.
/// </summary>
public interface IStoreSeeder
{
    /// <summary>Seeds the store. Throws <see cref="StoreUnavailableException"/> when it cannot be reached.</summary>
    Task SeedAsync(CancellationToken cancellationToken);
}
