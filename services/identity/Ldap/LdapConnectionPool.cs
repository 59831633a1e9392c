using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// Service-account (or anonymous) connections for the user and group searches, kept open and
/// reused: a login then costs one TCP and TLS handshake (the user's bind) instead of two. A
/// connection that fails is dropped, never returned; the operation is retried on a fresh
/// connection, then on the next servers, so a restarted directory is used again without a restart.
/// </summary>
internal sealed partial class LdapConnectionPool(
    LdapConnector connector,
    IOptions<LdapOptions> options,
    TimeProvider time,
    ILogger<LdapConnectionPool> logger) : IDisposable
{
    private readonly ConcurrentQueue<LdapLease> _idle = new();
    private long _reused;

    /// <summary>Operations served by an already open connection.</summary>
    public long ReusedCount => Interlocked.Read(ref _reused);

    /// <summary>Runs a synchronous LDAP operation on a pooled connection, bounded by the operation timeout.</summary>
    public async Task<T> RunAsync<T>(Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        if (_idle.TryDequeue(out var pooled) && await TryOnIdleAsync(pooled, operation, cancellationToken).ConfigureAwait(false) is (true, var done))
        {
            return done;
        }

        var failed = new HashSet<LdapServerAddress>();
        while (true)
        {
            var lease = await connector.OpenAsync(ServiceCredential(), failed, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await ExecuteAsync(lease, operation, cancellationToken).ConfigureAwait(false);
                Return(lease);
                return result;
            }
            catch (Exception ex) when (LdapFailures.IsServerFailure(ex))
            {
                LogOperationFailed(logger, lease.Server, new LdapFailureReason(ex));
                failed.Add(lease.Server);
                lease.Dispose();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="operation"/> on an idle connection, or returns null when none is idle: a
    /// look-ahead that never opens a connection, so a directory that is down or slow costs it nothing.
    /// The task never fails on the directory's account: a failed or timed-out operation drops its
    /// connection and yields null, and the caller then does the work through <see cref="RunAsync{T}"/>.
    /// </summary>
    public Task<T?>? TryStartOnIdle<T>(Func<LdapConnection, T> operation, CancellationToken cancellationToken)
        where T : class
        => _idle.TryDequeue(out var pooled) ? LookAheadAsync(pooled, operation, cancellationToken) : null;

    public void Dispose()
    {
        while (_idle.TryDequeue(out var lease))
        {
            lease.Dispose();
        }
    }

    private async Task<T?> LookAheadAsync<T>(LdapLease pooled, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await TryOnIdleAsync(pooled, operation, cancellationToken).ConfigureAwait(false) is (true, var result) ? result : null;
        }
        catch (OperationCanceledException)
        {
            // The login was abandoned; ExecuteAsync disposes the still-busy connection once it ends.
            return null;
        }
    }

    /// <summary>The operation on an idle connection; false when the connection failed (it is then dropped).</summary>
    private async Task<(bool Done, T Result)> TryOnIdleAsync<T>(LdapLease pooled, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ExecuteAsync(pooled, operation, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _reused);
            Return(pooled);
            return (true, result);
        }
        catch (Exception ex) when (LdapFailures.IsServerFailure(ex))
        {
            // Idle connections go stale (server restarted, idle timeout): not a reason to skip the server.
            LogStaleDropped(logger, pooled.Server, new LdapFailureReason(ex));
            pooled.Dispose();
            return (false, default!);
        }
    }

    private async Task<T> ExecuteAsync<T>(LdapLease lease, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        var running = Task.Run(() => operation(lease.Connection), cancellationToken);
        try
        {
            return await LdapCallMetrics.TimeAsync("search", () => running.WaitAsync(options.Value.OperationTimeout, time, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Timed out or aborted mid-operation: the connection is still busy, so it is never reused.
            lease.DisposeAfter(running);
            throw;
        }
    }

    private void Return(LdapLease lease)
    {
        if (_idle.Count < options.Value.PoolSize)
        {
            _idle.Enqueue(lease);
        }
        else
        {
            lease.Dispose();
        }
    }

    private NetworkCredential? ServiceCredential()
    {
        var settings = options.Value;
        return string.IsNullOrEmpty(settings.ManagerDn) ? null : new NetworkCredential(settings.ManagerDn, settings.ManagerPassword);
    }

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information, Message = "Idle LDAP connection to {Server} dropped: {Reason}")]
    private static partial void LogStaleDropped(ILogger logger, LdapServerAddress server, LdapFailureReason reason);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "LDAP operation on {Server} failed: {Reason}")]
    private static partial void LogOperationFailed(ILogger logger, LdapServerAddress server, LdapFailureReason reason);
}
