using System.Net;

namespace AtotiAuth.Shared.Grants;

/// <summary>
/// A user name and password exchanged for a new session, as the login does it: the identity service's
/// check of basic and LDAP users, its throttling and its refusals. The token service takes Basic
/// credentials on its token paths through this (issue 18); the identity service implements it, in its
/// own process in the standalone host and over HTTP otherwise.
/// </summary>
public interface IPasswordSessionGrant
{
    /// <summary>A new session for <paramref name="credentials"/>, or the refusal the login would answer.</summary>
    /// <param name="credentials">The caller's user name and password.</param>
    /// <param name="clientAddress">The caller's address, counted by the login throttling.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<PasswordGrantResult> GrantAsync(BasicCredentials credentials, IPAddress? clientAddress, CancellationToken cancellationToken);
}
