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
                await basicUsers.CreateAsync(row.UserName, row.Password, row.Roles, row.Status, cancellationToken);
                await SetRolesAsync(row, cancellationToken);
                continue;
            }

            if (!basicUsers.HasPassword(user, row.Password))
            {
                await basicUsers.SetPasswordAsync(row.UserName, row.Password, cancellationToken);
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
        var current = await roles.GetIndividualRolesAsync(row.UserName, cancellationToken);
        if (!current.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            await roles.SetIndividualRolesAsync(row.UserName, wanted, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Provisioning file applied: {Rows} user row(s)")]
    private static partial void LogApplied(ILogger logger, int rows);
}
