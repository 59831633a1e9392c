using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Identity;

namespace AtotiAuth.Identity.Users;

/// <summary>
/// Basic users as the admin API, the seeding and the CSV provisioning change them, the one place every
/// such change goes through: passwords checked by <see cref="PasswordPolicy"/> and hashed with ASP.NET
/// Core Identity's <see cref="PasswordHasher{TUser}"/>; a new user gets exactly <c>ROLE_USER</c> and its
/// given roles (Atoti, seed <c>000_…</c>); a password change, a deactivation or a deletion revokes the
/// user's sessions (issue 22), and a deletion removes what only that user held.
/// </summary>
internal sealed partial class BasicUsers(
    IUserStore users,
    ISessionStore sessions,
    RoleChanges roleChanges,
    PasswordPolicy policy,
    IPasswordHasher<BasicUser> hasher,
    TimeProvider time,
    ILogger<BasicUsers> logger)
{
    public async Task<BasicUserChange> CreateAsync(string userName, string password, IEnumerable<string> extraRoles, UserStatus status, CancellationToken cancellationToken)
    {
        if (policy.Check(password, userName) is not null)
        {
            return BasicUserChange.PasswordRefused;
        }

        var now = time.GetUtcNow();
        var user = new BasicUser(userName, "", status, now, now);
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        if (!await users.CreateAsync(user, cancellationToken))
        {
            return BasicUserChange.AlreadyExists;
        }

        await roleChanges.SetIndividualRolesAsync(Principal(userName), [BasicUserRules.UserRole, .. extraRoles], cancellationToken);
        LogCreated(logger, userName, status);
        return BasicUserChange.Done;
    }

    /// <summary>
    /// Sets the password and revokes every session of the user except <paramref name="keepSessionId"/> (the
    /// session that made the change, when the user changes their own password): whoever knew the old
    /// password is out.
    /// </summary>
    public async Task<BasicUserChange> SetPasswordAsync(string userName, string password, string? keepSessionId, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userName, cancellationToken);
        if (user is null)
        {
            return BasicUserChange.NotFound;
        }

        if (policy.Check(password, userName) is not null)
        {
            return BasicUserChange.PasswordRefused;
        }

        var updated = user with { PasswordHash = hasher.HashPassword(user, password), UpdatedAt = time.GetUtcNow() };
        if (!await users.UpdateAsync(updated, cancellationToken))
        {
            return BasicUserChange.NotFound;
        }

        var revoked = await sessions.RevokeAllAsync(ProviderIds.Basic, userName, keepSessionId, cancellationToken);
        LogPasswordChanged(logger, userName, revoked);
        return BasicUserChange.Done;
    }

    /// <summary>True when <paramref name="password"/> is the user's current one (used to skip needless rehashing).</summary>
    public bool HasPassword(BasicUser user, string password)
        => hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Replaces the user's individual roles; its sessions get the new roles at their next <c>/jwt</c>.</summary>
    public Task SetRolesAsync(string userName, IEnumerable<string> roles, CancellationToken cancellationToken)
        => roleChanges.SetIndividualRolesAsync(Principal(userName), roles, cancellationToken);

    /// <summary>Deactivating a user also ends its sessions: every token of them stops working.</summary>
    public async Task<BasicUserChange> SetStatusAsync(string userName, UserStatus status, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userName, cancellationToken);
        if (user is null)
        {
            return BasicUserChange.NotFound;
        }

        if (user.Status != status && !await users.UpdateAsync(user with { Status = status, UpdatedAt = time.GetUtcNow() }, cancellationToken))
        {
            return BasicUserChange.NotFound;
        }

        if (status == UserStatus.Inactive)
        {
            var revoked = await sessions.RevokeAllAsync(ProviderIds.Basic, userName, cancellationToken: cancellationToken);
            LogDeactivated(logger, userName, revoked);
        }

        return BasicUserChange.Done;
    }

    /// <summary>
    /// Deletes the user, ends its sessions and removes what only it held: its individual roles, its
    /// <c>user:{name}</c> mapping entry and its links, so a user created again under that name starts afresh.
    /// </summary>
    public async Task<BasicUserChange> DeleteAsync(string userName, CancellationToken cancellationToken)
    {
        if (!await users.DeleteAsync(userName, cancellationToken))
        {
            return BasicUserChange.NotFound;
        }

        var revoked = await sessions.RevokeAllAsync(ProviderIds.Basic, userName, cancellationToken: cancellationToken);
        await roleChanges.ForgetAsync(Principal(userName), cancellationToken);
        LogDeleted(logger, userName, revoked);
        return BasicUserChange.Done;
    }

    private static PrincipalId Principal(string userName) => new(ProviderIds.Basic, userName);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Information, Message = "Basic user {UserName} created ({Status})")]
    private static partial void LogCreated(ILogger logger, LogText userName, UserStatus status);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Information, Message = "Password of basic user {UserName} changed; {Revoked} session(s) revoked")]
    private static partial void LogPasswordChanged(ILogger logger, LogText userName, int revoked);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information, Message = "Basic user {UserName} deactivated; {Revoked} session(s) revoked")]
    private static partial void LogDeactivated(ILogger logger, LogText userName, int revoked);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Information, Message = "Basic user {UserName} deleted with its roles and links; {Revoked} session(s) revoked")]
    private static partial void LogDeleted(ILogger logger, LogText userName, int revoked);
}
