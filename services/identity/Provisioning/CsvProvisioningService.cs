using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Polls the provisioning file. A file is applied only when it is complete and stable: two reads one poll
/// apart give the same text, and the text ends with a line ending, so an in-place writer's pause never
/// applies a cut row (issue 22: a pause after <c>ROLE_X;ROLE_ADMIN</c> of a row ending in
/// <c>ROLE_ADMIN_VIEWER</c> granted <c>ROLE_ADMIN</c>). The path's links are resolved at each poll, so a
/// ConfigMap's <c>..data</c> swap is applied at the second poll after it. The whole file is parsed before
/// anything is applied, a wrong header applies nothing, a malformed row is reported with its line number
/// and skipped. Applying runs here, in the background, one row after the other: at most one core,
/// whatever the file's size; each apply's duration is logged and kept in <see cref="CsvProvisioningStatus"/>.
/// When Redis lost its data the file is applied again at once, whether it changed or not
/// (<see cref="IStoreSeeder"/>, issue 21).
/// </summary>
internal sealed partial class CsvProvisioningService(
    CsvProvisioner provisioner,
    CsvProvisioningStatus status,
    IOptions<CsvProvisioningOptions> options,
    TimeProvider time,
    ILogger<CsvProvisioningService> logger) : BackgroundService, IStoreSeeder
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CsvFileSnapshot? _settled;
    private string? _lastRead;
    private string? _appliedHash;
    private string? _reportedUnfinished;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = options.Value.FilePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        LogWatching(logger, path);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(path, stoppingToken);
            }
            catch (IOException ex)
            {
                LogUnreadable(logger, path, ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                LogUnreadable(logger, path, ex.Message);
            }
            catch (StoreUnavailableException ex)
            {
                // Not marked applied: the next polls read it again and apply it once the store is back.
                _lastRead = null;
                LogStoreUnavailable(logger, ex.Message);
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Applies the file now, as it is, the store having lost what it held: what was applied counts as not
    /// applied. A file read the same at the last poll is applied at once; one that changed since waits
    /// for the next poll's agreeing read, as any change does.
    /// </summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.FilePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _settled = null;
            _appliedHash = null;
            await PollUnderGateAsync(path, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _gate.Dispose();
    }

    internal async Task PollAsync(string path, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await PollUnderGateAsync(path, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PollUnderGateAsync(string path, CancellationToken cancellationToken)
    {
        var snapshot = CsvFileSnapshot.Of(path);
        if (snapshot is null || snapshot == _settled)
        {
            return;
        }

        string text;
        using (var stream = new FileStream(snapshot.Target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        // First sight of this text: wait one poll for a second read that agrees.
        if (!string.Equals(text, _lastRead, StringComparison.Ordinal))
        {
            _lastRead = text;
            return;
        }

        if (!text.EndsWith('\n'))
        {
            if (_reportedUnfinished != text)
            {
                _reportedUnfinished = text;
                LogUnfinished(logger, path);
            }

            return;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (hash == _appliedHash)
        {
            _settled = snapshot;
            return;
        }

        var parsed = CsvUserFileParser.Parse(text);
        if (parsed.HeaderError is not null)
        {
            LogHeaderError(logger, path, parsed.HeaderError);
            _appliedHash = hash;
            _settled = snapshot;
            return;
        }

        foreach (var error in parsed.Errors)
        {
            LogRowSkipped(logger, path, error.Line, error.Reason);
        }

        status.Record(await provisioner.ApplyAsync(parsed.Rows, cancellationToken));
        _appliedHash = hash;
        _settled = snapshot;
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "Watching provisioning file {Path}")]
    private static partial void LogWatching(ILogger logger, string path);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "Provisioning file {Path}, line {Line} skipped: {Reason}")]
    private static partial void LogRowSkipped(ILogger logger, string path, int line, string reason);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Error, Message = "Provisioning file {Path} not applied: {Reason}")]
    private static partial void LogHeaderError(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Warning, Message = "Provisioning file {Path} unreadable, retrying: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4614, Level = LogLevel.Warning, Message = "Provisioning postponed, the store is unavailable: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4615, Level = LogLevel.Warning,
        Message = "Provisioning file {Path} not applied: it does not end with a line ending (a writer may still be writing it); applied once it does")]
    private static partial void LogUnfinished(ILogger logger, string path);
}
