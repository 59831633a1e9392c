using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;
using SessionOptions = AtotiAuth.Shared.Sessions.SessionOptions;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Side index from the provider's <c>sid</c> and <c>sub</c> to our session ids, kept as long as a
/// session can live, so a back-channel logout (which names only those) finds the sessions to revoke.
/// </summary>
internal sealed class OidcSessionIndex(IEphemeralStore store, IOptions<SessionOptions> sessions)
{
    /// <summary>
    /// Records the <c>sid</c> and <c>sub</c> entries and, when given, the ID token kept for RP-initiated
    /// logout, all at once (one round trip to Redis).
    /// </summary>
    public Task RecordAsync(string providerId, string? providerSessionId, string? subject, string sessionId, string? idToken, CancellationToken cancellationToken)
    {
        var ttl = sessions.Value.AbsoluteTimeout;
        var writes = new List<Task>(3);
        if (!string.IsNullOrEmpty(providerSessionId))
        {
            writes.Add(store.AddToSetAsync(SidKey(providerId, providerSessionId), sessionId, ttl, cancellationToken));
        }

        if (!string.IsNullOrEmpty(subject))
        {
            writes.Add(store.AddToSetAsync(SubKey(providerId, subject), sessionId, ttl, cancellationToken));
        }

        if (idToken is not null)
        {
            // RP-Initiated Logout 1.0 §2's id_token_hint, kept as long as the session can live: the session
            // record has no room for it. A one-member set, the ephemeral store's only readable value.
            writes.Add(store.AddToSetAsync(IdTokenKey(sessionId), idToken, ttl, cancellationToken));
        }

        return Task.WhenAll(writes);
    }

    /// <summary>
    /// The sessions a logout token designates: by <c>sid</c> when it has one (that login only), else every
    /// session of <c>sub</c> (Back-Channel Logout 1.0 §2.4).
    /// </summary>
    public Task<IReadOnlyList<string>> FindAsync(string providerId, string? providerSessionId, string? subject, CancellationToken cancellationToken)
        => !string.IsNullOrEmpty(providerSessionId)
            ? store.GetSetAsync(SidKey(providerId, providerSessionId), cancellationToken)
            : store.GetSetAsync(SubKey(providerId, subject!), cancellationToken);

    /// <summary>The ID token kept for the session, or null.</summary>
    public async Task<string?> FindIdTokenAsync(string sessionId, CancellationToken cancellationToken)
        => (await store.GetSetAsync(IdTokenKey(sessionId), cancellationToken)) is [var idToken, ..] ? idToken : null;

    private static string IdTokenKey(string sessionId) => $"oidc-id-token:{sessionId}";

    private static string SidKey(string providerId, string sid) => $"oidc-sid:{providerId}:{sid}";

    private static string SubKey(string providerId, string sub) => $"oidc-sub:{providerId}:{sub}";
}
