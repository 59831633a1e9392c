namespace AtotiAuth.Ping.Revocation;

/// <summary>
/// Whether a session was revoked, answered from a local cache fed by the store's notifications.
/// Throws <c>StoreUnavailableException</c> when it cannot tell (feed down past its grace and the store
/// unreachable): the request then fails closed with 503.
/// </summary>
internal interface ISessionRevocations
{
    ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken);
}
