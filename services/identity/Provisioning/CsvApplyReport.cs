namespace AtotiAuth.Identity.Provisioning;

/// <summary>What one apply of the file did, and how long it took.</summary>
/// <param name="Rows">Valid rows in the file.</param>
/// <param name="Applied">Rows that were new or changed, applied to the store.</param>
/// <param name="Unchanged">Rows identical to the ones applied before (same digest): nothing done.</param>
/// <param name="Removed">Users the file had created and no longer lists, deactivated or deleted.</param>
/// <param name="RemovalsSkipped">True when removals were due but refused by the guard (see the log).</param>
/// <param name="Duration">Wall-clock time of the apply.</param>
internal sealed record CsvApplyReport(int Rows, int Applied, int Unchanged, int Removed, bool RemovalsSkipped, TimeSpan Duration);
