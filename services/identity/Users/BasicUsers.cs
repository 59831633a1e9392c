using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Users;
using Microsoft.AspNetCore.Identity;

namespace AtotiAuth.Identity.Users;

/// <summary>
/// Basic users as the admin API, the seeding and the CSV provisioning change them: passwords hashed
/// with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, <c>ROLE_USER</c> given at
/// creation (Atoti, seed <c>000_…</c>), sessions revoked when a user is deactivated or deleted.
/// </summary>
internal sealed partial class BasicUsers(
    IUserStore users,
    IRoleStore roles,
    ISessionStore sessions,
    IPasswordHasher<BasicUser> hasher,
    TimeProvider time,
    ILogger<BasicUsers> logger)
{
    public async Task<BasicUserChange> CreateAsync(string userName, string password, IEnumerable<string> extraRoles, UserStatus status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = new BasicUser(userName, "", status, now, now);
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        if (!await users.CreateAsync(user, cancellationToken))
        {
            return BasicUserChange.AlreadyExists;
        }

        var individual = await roles.GetIndividualRolesAsync(userName, cancellationToken);
        await roles.SetIndividualRolesAsync(userName, [BasicUserRules.UserRole, .. individual, .. extraRoles], cancellationToken);
        LogCreated(logger, userName, status);
        return BasicUserChange.Done;
    }

    public async Task<BasicUserChange> SetPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userName, cancellationToken);
        if (user is null)
        {
            return BasicUserChange.NotFound;
        }

        var updated = user with { PasswordHash = hasher.HashPassword(user, password), UpdatedAt = time.GetUtcNow() };
        if (!await users.UpdateAsync(updated, cancellationToken))
        {
            return BasicUserChange.NotFound;
        }

        LogPasswordChanged(logger, userName);
        return BasicUserChange.Done;
    }

    /// <summary>True when <paramref name="password"/> is the user's current one (used to skip needless rehashing).</summary>
    public bool HasPassword(BasicUser user, string password)
        => hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

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
            var revoked = await sessions.RevokeAllAsync(userName, cancellationToken);
            LogDeactivated(logger, userName, revoked);
        }

        return BasicUserChange.Done;
    }

    /// <summary>Deletes the user and ends its sessions; its individual roles stay, since an SSO identity may share the name.</summary>
    public async Task<BasicUserChange> DeleteAsync(string userName, CancellationToken cancellationToken)
    {
        if (!await users.DeleteAsync(userName, cancellationToken))
        {
            return BasicUserChange.NotFound;
        }

        var revoked = await sessions.RevokeAllAsync(userName, cancellationToken);
        LogDeleted(logger, userName, revoked);
        return BasicUserChange.Done;
    }

    [LoggerMessage(EventId = 4701, Level = LogLevel.Information, Message = "Basic user {UserName} created ({Status})")]
    private static partial void LogCreated(ILogger logger, LogText userName, UserStatus status);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Information, Message = "Password of basic user {UserName} changed")]
    private static partial void LogPasswordChanged(ILogger logger, LogText userName);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information, Message = "Basic user {UserName} deactivated; {Revoked} session(s) revoked")]
    private static partial void LogDeactivated(ILogger logger, LogText userName, int revoked);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Information, Message = "Basic user {UserName} deleted; {Revoked} session(s) revoked")]
    private static partial void LogDeleted(ILogger logger, LogText userName, int revoked);
}
