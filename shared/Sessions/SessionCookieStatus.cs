namespace AtotiAuth.Shared.Sessions;

/// <summary>The outcome of reading a session cookie.</summary>
public enum SessionCookieStatus
{
    /// <summary>No session cookie.</summary>
    Missing,

    /// <summary>A cookie of that name that is not a ticket of ours.</summary>
    Malformed,

    /// <summary>A ticket the store does not accept: unknown, revoked, timed out or with a wrong secret.</summary>
    Refused,

    /// <summary>A valid session.</summary>
    Valid,
}
