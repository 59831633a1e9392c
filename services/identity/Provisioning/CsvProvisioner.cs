using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Users;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Applies parsed rows: creates missing users, changes passwords that differ, sets the status
/// (deactivation revokes the user's sessions) and makes the individual roles <c>ROLE_USER</c> ∪ the
/// row's roles — the file is the source of truth for the users it lists. Users absent from the file
/// are left alone: removing a line never deletes an account by accident.
/// </summary>
internal sealed partial class CsvProvisioner(BasicUsers basicUsers, IUserStore users, IRoleStore roles, ILogger<CsvProvisioner> logger)
{
    public async Task ApplyAsync(IReadOnlyList<CsvUserRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var user = await users.FindAsync(row.UserName, cancellationToken);
            if (user is null)
            {
                if (await basicUsers.CreateAsync(row.UserName, row.Password, row.Roles, row.Status, cancellationToken) == BasicUserChange.PasswordRefused)
                {
                    LogPasswordRefused(logger, row.UserName);
                }

                continue;
            }

            // Through BasicUsers, which also revokes the user's sessions (issue 22).
            if (!basicUsers.HasPassword(user, row.Password)
                && await basicUsers.SetPasswordAsync(row.UserName, row.Password, keepSessionId: null, cancellationToken) == BasicUserChange.PasswordRefused)
            {
                LogPasswordRefused(logger, row.UserName);
            }

            if (user.Status != row.Status)
            {
                await basicUsers.SetStatusAsync(row.UserName, row.Status, cancellationToken);
            }

            await SetRolesAsync(row, cancellationToken);
        }

        LogApplied(logger, rows.Count);
    }

    private async Task SetRolesAsync(CsvUserRow row, CancellationToken cancellationToken)
    {
        string[] wanted = [.. new SortedSet<string>([BasicUserRules.UserRole, .. row.Roles], StringComparer.Ordinal)];
        var current = await roles.GetIndividualRolesAsync(ProviderIds.Basic, row.UserName, cancellationToken);
        if (!current.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            await basicUsers.SetRolesAsync(row.UserName, wanted, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Provisioning row of {UserName}: its password fails the password policy (AtotiAuth:Identity:Passwords) and was not set")]
    private static partial void LogPasswordRefused(ILogger logger, LogText userName);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Provisioning file applied: {Rows} user row(s)")]
    private static partial void LogApplied(ILogger logger, int rows);
}
