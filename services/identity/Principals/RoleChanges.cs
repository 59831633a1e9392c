using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Principals;

/// <summary>
/// Every change of roles goes through here, so it is felt by the sessions it concerns (issue 22): their
/// final roles are resolved again from the provider roles kept at login and written to the session,
/// so the next <c>/jwt</c> carries them once the readers' session caches let the old record go
/// (<c>AtotiAuth:Session:CacheDuration</c>). A session made before provider roles were kept cannot be
/// resolved again and is revoked instead: its user signs in again.
/// </summary>
internal sealed partial class RoleChanges(IRoleStore roles, ISessionStore sessions, RoleResolver resolver, ILogger<RoleChanges> logger)
{
    public async Task SetIndividualRolesAsync(PrincipalId principal, IEnumerable<string> set, CancellationToken cancellationToken)
    {
        await roles.SetIndividualRolesAsync(principal.Provider, principal.UserName, set, cancellationToken);
        await RefreshAsync(principal, cancellationToken);
    }

    public async Task SetRoleMappingAsync(string provider, string key, IEnumerable<string> set, CancellationToken cancellationToken)
    {
        await roles.SetRoleMappingAsync(provider, key, set, cancellationToken);
        await RefreshProviderAsync(provider, cancellationToken);
    }

    public async Task SetDefaultRolesAsync(string provider, IEnumerable<string> set, CancellationToken cancellationToken)
    {
        await roles.SetDefaultRolesAsync(provider, set, cancellationToken);
        await RefreshProviderAsync(provider, cancellationToken);
    }

    public async Task SetLinkAsync(PrincipalId principal, PrincipalId? target, CancellationToken cancellationToken)
    {
        await roles.SetLinkAsync(principal, target, cancellationToken);
        await RefreshAsync(principal, cancellationToken);
    }

    /// <summary>
    /// Removes what only <paramref name="principal"/> held (a deleted user, issue 22): its individual roles,
    /// its <c>user:{name}</c> mapping entry, its links and the links to it, so a user created later under the
    /// same name starts with nothing. Principals that were linked to it lose those roles at once.
    /// </summary>
    public async Task ForgetAsync(PrincipalId principal, CancellationToken cancellationToken)
    {
        await roles.SetIndividualRolesAsync(principal.Provider, principal.UserName, [], cancellationToken);
        await roles.SetRoleMappingAsync(principal.Provider, RoleResolver.UserKeyPrefix + principal.UserName, [], cancellationToken);
        await roles.SetLinkAsync(principal, null, cancellationToken);
        foreach (var (from, to) in await roles.ListLinksAsync(cancellationToken))
        {
            if (to == principal)
            {
                await roles.SetLinkAsync(from, null, cancellationToken);
                await RefreshSessionsAsync(from, cancellationToken);
            }
        }
    }

    /// <summary>The sessions of <paramref name="principal"/> and of the principals linked to it.</summary>
    private async Task RefreshAsync(PrincipalId principal, CancellationToken cancellationToken)
    {
        await RefreshSessionsAsync(principal, cancellationToken);
        foreach (var (from, to) in await roles.ListLinksAsync(cancellationToken))
        {
            if (to == principal && from != principal)
            {
                await RefreshSessionsAsync(from, cancellationToken);
            }
        }
    }

    private async Task RefreshProviderAsync(string provider, CancellationToken cancellationToken)
    {
        foreach (var userName in await sessions.ListUserNamesAsync(provider, cancellationToken))
        {
            await RefreshSessionsAsync(new PrincipalId(provider, userName), cancellationToken);
        }
    }

    private async Task RefreshSessionsAsync(PrincipalId principal, CancellationToken cancellationToken)
    {
        foreach (var session in await sessions.ListByUserAsync(principal.Provider, principal.UserName, cancellationToken))
        {
            if (session.ProviderRoles is null)
            {
                await sessions.RevokeAsync(session.Id, cancellationToken);
                LogRevoked(logger, session.Id, principal.Provider, principal.UserName);
                continue;
            }

            var request = new RoleResolutionRequest(session.Provider, session.UserName, session.ProviderRoles, ProviderIds.KeyComparison(session.Provider));
            var resolved = await resolver.ResolveAsync(request, cancellationToken);
            if (!resolved.SequenceEqual(session.Roles, StringComparer.Ordinal) && await sessions.SetRolesAsync(session.Id, resolved, cancellationToken))
            {
                LogUpdated(logger, session.Id, principal.Provider, principal.UserName, resolved.Count);
            }
        }
    }

    [LoggerMessage(EventId = 4720, Level = LogLevel.Information, Message = "Roles of session {SessionId} ({Provider}/{UserName}) resolved again after a change: {RoleCount} roles")]
    private static partial void LogUpdated(ILogger logger, string sessionId, string provider, LogText userName, int roleCount);

    [LoggerMessage(EventId = 4721, Level = LogLevel.Information, Message = "Session {SessionId} ({Provider}/{UserName}) revoked after a change of roles: it predates the provider roles kept for resolving them again")]
    private static partial void LogRevoked(ILogger logger, string sessionId, string provider, LogText userName);
}
