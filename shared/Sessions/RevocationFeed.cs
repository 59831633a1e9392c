namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// The revocation feed as <see cref="RevocationCache"/> sees it, swapped whole so readers need no lock;
/// a new instance on every change, so a reader can tell by reference whether it changed meanwhile.
/// </summary>
internal sealed record RevocationFeed(RevocationFeed.Status State, DateTimeOffset Since, DateTimeOffset TrustedFrom)
{
    public enum Status
    {
        /// <summary>No confirmed subscription yet: notifications may be missed.</summary>
        NotSubscribed,

        /// <summary>Subscribed and connected.</summary>
        Healthy,

        /// <summary>The subscription's connection failed at <see cref="Since"/>.</summary>
        Lost,
    }

    public enum Trust
    {
        /// <summary>Only revoked answers count; every other question goes to the store.</summary>
        None,

        /// <summary>Cached answers count, but no unrevoked answer is added.</summary>
        CacheOnly,

        /// <summary>Cached answers count and new ones are kept.</summary>
        Full,
    }

    public static RevocationFeed NotSubscribed(DateTimeOffset now) => new(Status.NotSubscribed, now, now);

    public static RevocationFeed Healthy(DateTimeOffset now, DateTimeOffset trustedFrom) => new(Status.Healthy, now, trustedFrom);

    public static RevocationFeed Lost(DateTimeOffset now) => new(Status.Lost, now, now);

    public Trust TrustAt(DateTimeOffset now, TimeSpan grace) => State switch
    {
        Status.Healthy => now >= TrustedFrom ? Trust.Full : Trust.CacheOnly,
        Status.Lost => now - Since < grace ? Trust.CacheOnly : Trust.None,
        _ => Trust.None,
    };
}
