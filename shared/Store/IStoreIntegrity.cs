namespace AtotiAuth.Shared.Store;

/// <summary>
/// Whether the store still holds its data right now, for decisions that must not be taken on an
/// empty store: a failed sign-in for a name that vanished with the data is no evidence of guessing, so
/// the login throttle does not count it (issue 21).
/// </summary>
public interface IStoreIntegrity
{
    /// <summary>
    /// False when the store is found empty (its generation marker, seen before by this process, gone),
    /// which also starts the re-seeding at once; true otherwise, and before the first seeding of this
    /// process wrote or read a marker. Throws <see cref="StoreUnavailableException"/> when it cannot be reached.
    /// </summary>
    ValueTask<bool> IsIntactAsync(CancellationToken cancellationToken = default);
}
