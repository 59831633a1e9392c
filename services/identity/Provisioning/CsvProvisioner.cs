using System.Diagnostics;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Users;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Applies parsed rows: creates missing users, changes passwords that differ, sets the status
/// (deactivation revokes the user's sessions) and makes the individual roles <c>ROLE_USER</c> ∪ the
/// row's roles — the file is the source of truth for the users it lists. A row whose keyed digest equals
/// the one applied before, for a user that still exists, costs nothing: no password hash, no store call
/// (issue 22: a one-row change to a 5,000-row file waited behind a password hash of every row).
/// Users the file created and no longer lists are removed only when <see cref="CsvProvisioningOptions.RemoveUnlisted"/>
/// says so and the file passes the guard; users created elsewhere never are.
/// </summary>
internal sealed partial class CsvProvisioner(
    BasicUsers basicUsers,
    IUserStore users,
    IRoleStore roles,
    IProvisioningLedger ledger,
    CsvRowDigests digests,
    IOptions<CsvProvisioningOptions> options,
    AuditTrail audit,
    ILogger<CsvProvisioner> logger)
{
    // The digests of this process's key, when they may not be kept in the store (no shared key).
    private readonly Dictionary<string, string> _processDigests = new(StringComparer.Ordinal);

    public async Task<CsvApplyReport> ApplyAsync(IReadOnlyList<CsvUserRow> rows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var known = await ledger.ReadAsync(cancellationToken);
        var existing = (await users.ListAsync(cancellationToken)).Select(static u => u.UserName).ToHashSet(StringComparer.Ordinal);
        var applied = 0;
        foreach (var row in rows)
        {
            var digest = digests.Compute(row);
            known.TryGetValue(row.UserName, out var entry);
            var previous = digests.IsKeyShared ? entry?.Digest : _processDigests.GetValueOrDefault(row.UserName);
            if (entry is { Unlisted: false } && previous == digest && existing.Contains(row.UserName))
            {
                continue;
            }

            var created = await ApplyRowAsync(row, cancellationToken);
            await audit.ProvisionedAsync(created ? AuditActions.CsvUserCreate : AuditActions.CsvUserUpdate, row.UserName, $"status={row.Status} roles={string.Join(',', row.Roles)}");
            await ledger.SetAsync(row.UserName, new ProvisionedUser(created || entry?.CreatedByFile == true, false, digests.IsKeyShared ? digest : null), cancellationToken);
            _processDigests[row.UserName] = digest;
            applied++;
        }

        var (removed, skipped) = await RemoveUnlistedAsync(rows, known, cancellationToken);
        var report = new CsvApplyReport(rows.Count, applied, rows.Count - applied, removed, skipped, clock.Elapsed);
        LogApplied(logger, report.Rows, report.Applied, report.Unchanged, report.Removed, (long)report.Duration.TotalMilliseconds);
        return report;
    }

    /// <summary>Applies one row; true when it created the user.</summary>
    private async Task<bool> ApplyRowAsync(CsvUserRow row, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(row.UserName, cancellationToken);
        if (user is null)
        {
            var change = await basicUsers.CreateAsync(row.UserName, row.Password, row.Roles, row.Status, cancellationToken);
            if (change == BasicUserChange.PasswordRefused)
            {
                LogPasswordRefused(logger, row.UserName);
                return false;
            }

            if (change == BasicUserChange.Done)
            {
                await SetRolesAsync(row, cancellationToken);
                return true;
            }
        }

        // Created meanwhile by someone else (another replica applying the same file): update it.
        user ??= await users.FindAsync(row.UserName, cancellationToken);
        if (user is null)
        {
            return false;
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
        return false;
    }

    private async Task<(int Removed, bool Skipped)> RemoveUnlistedAsync(IReadOnlyList<CsvUserRow> rows, IReadOnlyDictionary<string, ProvisionedUser> known, CancellationToken cancellationToken)
    {
        var listed = rows.Select(static r => r.UserName).ToHashSet(StringComparer.Ordinal);
        var unlisted = known.Where(k => !k.Value.Unlisted && !listed.Contains(k.Key)).ToList();

        // Users the file listed but did not create are forgotten, never touched.
        foreach (var (userName, _) in unlisted.Where(static k => !k.Value.CreatedByFile))
        {
            await ledger.RemoveAsync(userName, cancellationToken);
            _processDigests.Remove(userName);
        }

        var mode = options.Value.RemoveUnlisted;
        var due = unlisted.Where(static k => k.Value.CreatedByFile).Select(static k => k.Key).ToList();
        if (mode == CsvRemovalMode.Off || due.Count == 0)
        {
            return (0, false);
        }

        var previousRows = known.Count(static k => !k.Value.Unlisted);
        var minimum = options.Value.MinimumRowFraction * previousRows;
        if (rows.Count == 0 || rows.Count < minimum)
        {
            LogRemovalsSkipped(logger, due.Count, rows.Count, previousRows, options.Value.MinimumRowFraction);
            return (0, true);
        }

        foreach (var userName in due)
        {
            if (mode == CsvRemovalMode.Delete)
            {
                await basicUsers.DeleteAsync(userName, cancellationToken);
                await ledger.RemoveAsync(userName, cancellationToken);
            }
            else
            {
                await basicUsers.SetStatusAsync(userName, UserStatus.Inactive, cancellationToken);
                await ledger.SetAsync(userName, new ProvisionedUser(true, true, null), cancellationToken);
            }

            _processDigests.Remove(userName);
            await audit.ProvisionedAsync(mode == CsvRemovalMode.Delete ? AuditActions.CsvUserDelete : AuditActions.CsvUserDeactivate, userName, "no longer in the file");
            LogRemoved(logger, userName, mode);
        }

        return (due.Count, false);
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

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information,
        Message = "Provisioning file applied in {DurationMs} ms: {Rows} user row(s), {Applied} applied, {Unchanged} unchanged, {Removed} removed")]
    private static partial void LogApplied(ILogger logger, int rows, int applied, int unchanged, int removed, long durationMs);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Provisioned user {UserName} no longer in the file: {Mode}")]
    private static partial void LogRemoved(ILogger logger, LogText userName, CsvRemovalMode mode);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning,
        Message = "Provisioning file lists {Rows} row(s) against {PreviousRows} before (minimum fraction {MinimumFraction}): the {Due} removal(s) it implies are skipped; a truncated or emptied file must not remove everyone")]
    private static partial void LogRemovalsSkipped(ILogger logger, int due, int rows, int previousRows, double minimumFraction);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning, Message = "Provisioning row of {UserName}: its password fails the password policy (AtotiAuth:Identity:Passwords) and was not set")]
    private static partial void LogPasswordRefused(ILogger logger, LogText userName);
}
