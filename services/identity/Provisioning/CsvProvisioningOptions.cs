using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Basic users provisioned from a watched CSV file (section <c>AtotiAuth:Identity:Provisioning</c>),
/// as Atoti users do with a watchdog script (seed <c>000_…</c>). Header <c>User,Password,Status,Roles</c>;
/// Status <c>Active</c> or <c>Inactive</c>; roles separated by <c>;</c> or <c>|</c>.
/// </summary>
public sealed class CsvProvisioningOptions : IBoundOptions<CsvProvisioningOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Provisioning";

    static void IBoundOptions<CsvProvisioningOptions>.Bind(IConfiguration section, CsvProvisioningOptions options) => section.Bind(options);

    /// <summary>
    /// The CSV file. Default empty: no provisioning. It may be a symbolic link (a Kubernetes ConfigMap or
    /// Secret mount): the file it resolves to is watched. Replace it atomically (write, then rename) where
    /// you can; a file is applied only once two reads one poll apart agree and it ends with a line ending.
    /// </summary>
    public string? FilePath { get; set; }

    /// <summary>
    /// How often the file is checked. Default 2 seconds; a change is applied at the second check that
    /// sees it. Polling, not a file watcher: watchers miss Kubernetes' symlink swaps of mounted volumes.
    /// </summary>
    [TimeSpanRange("00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What happens to users the file created earlier and no longer lists. Default <see cref="CsvRemovalMode.Off"/>.
    /// Users created elsewhere (admin API, seeding) are never removed, even when the file listed them.
    /// </summary>
    public CsvRemovalMode RemoveUnlisted { get; set; } = CsvRemovalMode.Off;

    /// <summary>
    /// Removals are skipped, and the reason logged, when the file has no rows or fewer than this fraction of
    /// the rows applied before: a truncated or emptied file must not remove everyone. Default 0.5.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinimumRowFraction { get; set; } = 0.5;

    /// <summary>
    /// Base64 key (at least 32 bytes, from a Kubernetes Secret) of the HMAC-SHA256 digest remembered for
    /// each applied row. With it the digests are kept in the store, so no replica and no restart applies an
    /// unchanged row again. Without it (the default) each process draws its own key and keeps the digests
    /// in memory: its first apply verifies every row's password once. Never kept in the store itself: with
    /// the key beside the digests, the store would offer a fast test of password guesses.
    /// </summary>
    public string? DigestKey { get; set; }
}
