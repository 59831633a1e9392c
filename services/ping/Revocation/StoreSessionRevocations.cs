using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Ping.Revocation;

/// <summary>Asks the store on every call. Stop-gap until the shared RevocationCache (branch <c>store</c>) is merged.</summary>
internal sealed class StoreSessionRevocations(IRevocationStore store) : ISessionRevocations
{
    public async ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken) =>
        await store.IsRevokedAsync(sessionId, cancellationToken);
}
