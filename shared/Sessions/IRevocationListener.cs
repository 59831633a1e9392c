namespace AtotiAuth.Shared.Sessions;

/// <summary>Receives revocation notifications; called on the store's own threads, so keep it quick.</summary>
public interface IRevocationListener
{
    /// <summary>A session was revoked.</summary>
    void OnRevoked(string sessionId);

    /// <summary>The notification feed dropped: notifications may be missed until <see cref="OnFeedRestored"/>.</summary>
    void OnFeedLost();

    /// <summary>The feed is back.</summary>
    void OnFeedRestored();
}
