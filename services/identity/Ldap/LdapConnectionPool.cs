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
/// Every operation runs in one of <see cref="LdapSlots"/>' bounded slots.
/// </summary>
internal sealed partial class LdapConnectionPool(
    LdapConnector connector,
    LdapSlots slots,
    IOptions<LdapOptions> options,
    ILogger<LdapConnectionPool> logger) : IDisposable
{
    private readonly ConcurrentQueue<LdapLease> _idle = new();

    /// <summary>Runs a synchronous LDAP operation on a pooled connection, bounded by the operation timeout.</summary>
    public async Task<T> RunAsync<T>(Func<LdapConnection, T> operation, CancellationToken cancellationToken)
    {
        if (_idle.TryDequeue(out var pooled))
        {
            try
            {
                var result = await ExecuteAsync(pooled, operation, cancellationToken).ConfigureAwait(false);
                Return(pooled);
                return result;
            }
            catch (Exception ex) when (LdapFailures.IsServerFailure(ex))
            {
                // Idle connections go stale (server restarted, idle timeout): not a reason to skip the server.
                LogStaleDropped(logger, pooled.Server, new LdapFailureReason(ex));
                pooled.Dispose();
            }
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

    public void Dispose()
    {
        while (_idle.TryDequeue(out var lease))
        {
            lease.Dispose();
        }
    }

    private Task<T> ExecuteAsync<T>(LdapLease lease, Func<LdapConnection, T> operation, CancellationToken cancellationToken)
        => slots.RunAsync(
            () => operation(lease.Connection),
            options.Value.OperationTimeout,
            // Timed out or aborted mid-operation: the connection is still busy, so it is never reused.
            running => lease.DisposeAfter(running),
            cancellationToken);

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
