namespace AtotiAuth.Shared.Store;

/// <summary>
/// The store could not be reached. Endpoints answer 503 with the <c>store_unavailable</c> problem
/// code: the services fail closed rather than let an unchecked request through (DESIGN.md §5).
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
        : base("The session store is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the client's failure.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
