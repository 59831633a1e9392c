namespace AtotiAuth.Testing;

/// <summary>Helpers for tests that prove a host refuses to start.</summary>
public static class StartupFailure
{
    /// <summary>Every message of an exception and its inner exceptions, one per line.</summary>
    public static string AllMessages(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(AllMessages));
            }
        }

        return string.Join(Environment.NewLine, messages);
    }
}
