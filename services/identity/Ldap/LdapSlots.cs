using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// The bound on directory work (<see cref="LdapOptions.MaxConnections"/>): every blocking libldap call
/// (opening a connection with its bind, a search) runs in one of a fixed number of slots, waits at most
/// <see cref="LdapOptions.QueueTimeout"/> for one (then <see cref="LdapUnavailableException"/>: 503), and
/// frees it only when the call has really returned, so a hanging directory holds that many threads at
/// most, never one per login.
/// </summary>
internal sealed partial class LdapSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly IOptions<LdapOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LdapSlots> _logger;
    private int _busy;
    private int _peakBusy;

    public LdapSlots(IOptions<LdapOptions> options, TimeProvider time, ILogger<LdapSlots> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConnections));
    }

    /// <summary>The most blocking calls that were under way at once since the start.</summary>
    public int PeakBusy => Volatile.Read(ref _peakBusy);

    /// <summary>
    /// Runs <paramref name="call"/> on a thread of its own in a free slot, waiting for it at most
    /// <paramref name="timeout"/>; on a time-out or cancellation <paramref name="abandoned"/> gets the
    /// still running call (to dispose what it yields or uses) and the exception is rethrown.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> call, TimeSpan timeout, Action<Task<T>> abandoned, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        if (!await _slots.WaitAsync(settings.QueueTimeout, cancellationToken).ConfigureAwait(false))
        {
            LogBusy(_logger, settings.MaxConnections);
            throw new LdapUnavailableException($"All {settings.MaxConnections} directory connections stayed busy for {settings.QueueTimeout}.");
        }

        RaisePeak(Interlocked.Increment(ref _busy));
        var running = Task.Run(call, CancellationToken.None);
        _ = running.ContinueWith(
            _ =>
            {
                Interlocked.Decrement(ref _busy);
                _slots.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            return await running.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            abandoned(running);
            throw;
        }
    }

    public void Dispose() => _slots.Dispose();

    private void RaisePeak(int busy)
    {
        var peak = Volatile.Read(ref _peakBusy);
        while (busy > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakBusy, busy, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    [LoggerMessage(EventId = 4505, Level = LogLevel.Warning, Message = "LDAP login refused (directory_unavailable): all {MaxConnections} directory connections stayed busy")]
    private static partial void LogBusy(ILogger logger, int maxConnections);
}
