namespace AtotiAuth.Shared.Store.InMemory;

/// <summary>The in-memory store loses its data only with the whole process: it is always intact.</summary>
internal sealed class InMemoryStoreIntegrity : IStoreIntegrity
{
    public ValueTask<bool> IsIntactAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);
}
