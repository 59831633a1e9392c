using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Basic users provisioned from a watched CSV file (section <c>AtotiAuth:Identity:Provisioning</c>),
/// as Atoti users do with a watchdog script (seed <c>000_…</c>). Header <c>User,Password,Status,Roles</c>;
/// Status <c>Active</c> or <c>Inactive</c>; roles separated by <c>;</c> or <c>|</c>.
/// </summary>
public sealed class CsvProvisioningOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Provisioning";

    /// <summary>The CSV file. Default empty: no provisioning. Replace it atomically (write, then rename) where you can.</summary>
    public string? FilePath { get; set; }

    /// <summary>
    /// How often the file's modification time and size are checked. Default 2 seconds. Polling, not a
    /// file watcher: watchers miss Kubernetes' symlink swaps of mounted ConfigMaps and Secrets.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
