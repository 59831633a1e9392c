namespace AtotiAuth.Identity.Provisioning;

/// <summary>The last apply of this process, for tests and diagnostics; null until the file was first applied.</summary>
internal sealed class CsvProvisioningStatus
{
    private CsvApplyReport? _last;
    private int _applies;

    public CsvApplyReport? Last => Volatile.Read(ref _last);

    /// <summary>How many applies this process made.</summary>
    public int Applies => Volatile.Read(ref _applies);

    public void Record(CsvApplyReport report)
    {
        Volatile.Write(ref _last, report);
        Interlocked.Increment(ref _applies);
    }
}
