using System.DirectoryServices.Protocols;

namespace AtotiAuth.Identity.Ldap;

/// <summary>An open, bound connection and the server it reached.</summary>
internal sealed class LdapLease(LdapConnection connection, LdapServerAddress server) : IDisposable
{
    private Task? _busy;
    private int _disposed;

    public LdapConnection Connection { get; } = connection;

    public LdapServerAddress Server { get; } = server;

    /// <summary>
    /// Disposes once <paramref name="running"/> ends: freeing the native handle while a timed-out call
    /// still uses it would be a use-after-free in libldap.
    /// </summary>
    public void DisposeAfter(Task running)
    {
        _busy = running;
        running.ContinueWith(_ => DisposeNow(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (_busy is null)
        {
            DisposeNow();
        }
    }

    private void DisposeNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Connection.Dispose();
        }
    }
}
