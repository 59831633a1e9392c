namespace AtotiAuth.Identity.Throttling;

/// <summary>
/// Login attempts counted in fixed windows, shared by every replica so an attacker cannot spread guesses
/// over them (DESIGN.md §5). A key (a user name, a client network, as the caller names them) holds a total
/// and a count per field. An attempt is counted <em>before</em> the password is checked, atomically with
/// the check of its limits, and counts as under way until it ends; attempts under way count towards the
/// limits too, so no more than the limit is ever tried whatever the concurrency (issue 22), and a success
/// takes its count back. Every key expires with its window. Windows are measured with the injected
/// <see cref="TimeProvider"/>. Every method throws <see cref="Store.StoreUnavailableException"/> when
/// the store cannot be reached.
/// </summary>
public interface ILoginAttemptStore
{
    /// <summary>
    /// Counts one attempt under <paramref name="key"/> and <paramref name="field"/>, unless the field's count
    /// has reached <paramref name="fieldLimit"/> or the key's total <paramref name="totalLimit"/> (then
    /// <see cref="AttemptVerdict.Busy"/> when attempts still under way are part of that count). A window
    /// starts at the first count after the previous one ended and lasts <paramref name="window"/>.
    /// </summary>
    Task<AttemptVerdict> TryCountAsync(string key, string field, int fieldLimit, int totalLimit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Ends an attempt <see cref="TryCountAsync"/> counted, as <paramref name="end"/> says.</summary>
    Task EndAsync(string key, string field, AttemptEnd end, CancellationToken cancellationToken = default);

    /// <summary>The key's total in the current window, or the field's count when <paramref name="field"/> is given; 0 when none.</summary>
    Task<int> GetAsync(string key, string? field = null, CancellationToken cancellationToken = default);

    /// <summary>Forgets the key, every field with it (an admin's unlock).</summary>
    Task ResetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Remembers <paramref name="member"/> under <paramref name="key"/> for <paramref name="lifetime"/> (the key expires when its newest member does).</summary>
    Task RememberAsync(string key, string member, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="member"/> was remembered under <paramref name="key"/> less than <paramref name="lifetime"/> ago.</summary>
    Task<bool> IsRememberedAsync(string key, string member, TimeSpan lifetime, CancellationToken cancellationToken = default);
}
