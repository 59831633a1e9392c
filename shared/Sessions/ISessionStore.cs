namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Sessions with idle and absolute timeouts (DESIGN.md §5). Every method throws
/// <see cref="Store.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ISessionStore
{
    /// <summary>
    /// Creates a session with a fresh id and secret (a new id at every login: no fixation). Past
    /// <see cref="SessionOptions.MaxSessionsPerUser"/> sessions of the principal, its oldest are revoked.
    /// </summary>
    Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default);

    /// <summary>The active session with this id, or null when missing, expired or revoked. Does not touch it.</summary>
    Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a cookie's ticket: the secret must match (constant time) and the session be neither idle
    /// too long nor past its absolute expiry. Records the use for the idle timeout. Null otherwise.
    /// </summary>
    Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>The principal's active sessions, oldest first.</summary>
    Task<IReadOnlyList<Session>> ListByUserAsync(string provider, string userName, CancellationToken cancellationToken = default);

    /// <summary>The user names of <paramref name="provider"/> that may have active sessions (a superset: some may have none left).</summary>
    Task<IReadOnlyList<string>> ListUserNamesAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an active session's final roles (an admin changed roles): the next <c>/jwt</c> carries them
    /// once the readers' session caches have let the old record go. False when the session has ended.
    /// </summary>
    Task<bool> SetRolesAsync(string sessionId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default);

    /// <summary>Ends a session and records its revocation (published to subscribers). False when it did not exist.</summary>
    Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logout: checks a cookie's ticket as <see cref="AuthenticateAsync"/> does (without recording a use)
    /// and, when it holds, ends that session as <see cref="RevokeAsync"/> does. Returns the ended
    /// session, or null when the ticket proved nothing (then nothing changes: a session id alone is public).
    /// </summary>
    Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of a principal but <paramref name="exceptSessionId"/>; returns how many.</summary>
    Task<int> RevokeAllAsync(string provider, string userName, string? exceptSessionId = null, CancellationToken cancellationToken = default);
}
