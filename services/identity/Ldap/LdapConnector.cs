using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// Opens bound connections: servers tried in the configured order (fail-over), TLS set up before
/// any bind, each attempt bounded by <see cref="LdapOptions.ConnectTimeout"/> whatever the TCP stack
/// does (libldap's own network timeout is not exposed by System.DirectoryServices.Protocols).
/// </summary>
internal sealed partial class LdapConnector(
    IOptions<LdapOptions> options,
    LdapTrust trust,
    LdapSlots slots,
    ILogger<LdapConnector> logger)
{
    private readonly Lazy<IReadOnlyList<LdapServerAddress>> _servers = new(() => LdapServerAddress.ParseAll(options.Value.Url));
    private long _opened;

    public IReadOnlyList<LdapServerAddress> Servers => _servers.Value;

    /// <summary>Connections opened so far (the pool's reuse shows as this staying small).</summary>
    public long OpenedCount => Interlocked.Read(ref _opened);

    /// <summary>
    /// A connection bound with <paramref name="credential"/> (null: anonymous) to the first server
    /// not in <paramref name="skip"/> that answers. A bind refused for its credentials is thrown as is
    /// (the next server would say the same); when no server answers, <see cref="LdapUnavailableException"/>.
    /// </summary>
    public async Task<LdapLease> OpenAsync(NetworkCredential? credential, ICollection<LdapServerAddress>? skip, CancellationToken cancellationToken)
    {
        foreach (var server in Servers)
        {
            if (skip?.Contains(server) == true)
            {
                continue;
            }

            try
            {
                return await LdapCallMetrics.TimeAsync("bind", () => OpenOneAsync(server, credential, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex) when (!LdapFailures.IsInvalidCredentials(ex) && LdapFailures.IsServerFailure(ex))
            {
                LogServerFailed(logger, server, new LdapFailureReason(ex));
                skip?.Add(server);
            }
        }

        var names = string.Join(' ', Servers);
        LogAllServersFailed(logger, names);
        throw new LdapUnavailableException($"No directory server answered: {names}.");
    }

    private Task<LdapLease> OpenOneAsync(LdapServerAddress server, NetworkCredential? credential, CancellationToken cancellationToken)
        => slots.RunAsync(
            () => Open(server, credential),
            options.Value.ConnectTimeout,
            // The blocked native call finishes on its own; its connection must not leak when it does.
            static opening => opening.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default),
            cancellationToken);

    private LdapLease Open(LdapServerAddress server, NetworkCredential? credential)
    {
        var settings = options.Value;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(server.Host, server.Port, fullyQualifiedDnsHostName: false, connectionless: false))
        {
            AuthType = credential is null ? AuthType.Anonymous : AuthType.Basic,
            AutoBind = false,
            Timeout = settings.OperationTimeout,
        };
        try
        {
            var session = connection.SessionOptions;
            session.ProtocolVersion = 3;
            session.ReferralChasing = settings.FollowReferrals ? ReferralChasingOptions.All : ReferralChasingOptions.None;
            if (server.Secure || settings.StartTls)
            {
                ConfigureTrust(session);
                session.SecureSocketLayer = server.Secure;
            }

            if (settings.StartTls)
            {
                OpenConnection(connection);

                // RFC 4513 §3.1.1: the upgrade happens before any credential is sent, so none crosses in clear.
                session.StartTransportLayerSecurity(null);
            }

            if (credential is null)
            {
                connection.Bind();
            }
            else
            {
                connection.Bind(credential);
            }

            Interlocked.Increment(ref _opened);
            return new LdapLease(connection, server);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the TCP connection with an anonymous bind (no credential). Needed on Linux: in
    /// System.DirectoryServices.Protocols 10 <c>StartTransportLayerSecurity</c> does not hand libldap
    /// the server's URI first, so libldap tries its default (<c>ldap://localhost:389</c>) and fails
    /// without ever reaching the configured server. A server refusing anonymous binds has answered,
    /// so the connection is open all the same.
    /// </summary>
    private static void OpenConnection(LdapConnection connection)
    {
        var authType = connection.AuthType;
        connection.AuthType = AuthType.Anonymous;
        try
        {
            connection.Bind();
        }
        catch (LdapException ex) when (LdapFailures.IsInvalidCredentials(ex))
        {
            // Anonymous binds disabled: irrelevant, the credential bind follows over TLS.
        }
        finally
        {
            connection.AuthType = authType;
        }
    }

    private void ConfigureTrust(LdapSessionOptions session)
    {
        if (!OperatingSystem.IsWindows() && trust.Directory is { } directory)
        {
            session.TrustedCertificatesDirectory = directory;

            // libldap reads TLS options when a context is made; without a new one the CA would be ignored.
            session.StartNewTlsSessionContext();
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "LDAP server {Server} unavailable: {Reason}")]
    private static partial void LogServerFailed(ILogger logger, LdapServerAddress server, LdapFailureReason reason);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Error, Message = "No LDAP server answered (directory_unavailable): {Servers}")]
    private static partial void LogAllServersFailed(ILogger logger, string servers);
}
