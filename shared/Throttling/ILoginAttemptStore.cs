namespace AtotiAuth.Shared.Throttling;

/// <summary>
/// Counters of failed logins in fixed windows (per user name, per client address, as the caller keys
/// them), shared by every replica so an attacker cannot spread guesses over them (DESIGN.md §5).
/// Windows are measured with the injected <see cref="TimeProvider"/>. Every method throws
/// <see cref="Store.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ILoginAttemptStore
{
    /// <summary>
    /// Counts one attempt under <paramref name="key"/> and returns the count in the current window; a
    /// window starts at the first attempt after the previous one ended and lasts <paramref name="window"/>.
    /// </summary>
    Task<int> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>The count in the current window; 0 when there is none.</summary>
    Task<int> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Forgets the counter, e.g. after a successful login.</summary>
    Task ResetAsync(string key, CancellationToken cancellationToken = default);
}
