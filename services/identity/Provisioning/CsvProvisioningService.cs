using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Polls the provisioning file by modification time and size. A change is applied once the file has
/// stayed the same for one poll and reads the same before and after (mid-write safe); the whole file
/// is parsed before anything is applied, a wrong header applies nothing, a malformed row is reported
/// with its line number and skipped, and a malformed last line without a line ending is taken for a
/// file still being written and re-read at the next poll. When Redis lost its data the file is applied
/// again at once, whether it changed or not (<see cref="IStoreSeeder"/>).
/// </summary>
internal sealed partial class CsvProvisioningService(
    CsvProvisioner provisioner,
    IOptions<CsvProvisioningOptions> options,
    TimeProvider time,
    ILogger<CsvProvisioningService> logger) : BackgroundService, IStoreSeeder
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private const int PollsBeforeAcceptingIncompleteLine = 3;
    private FileStamp? _seen;
    private FileStamp? _applied;
    private string? _appliedHash;
    private int _stablePolls;

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
                // Not marked applied: the next poll tries again once the store is back.
                LogStoreUnavailable(logger, ex.Message);
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Applies the file now, as it is: the store lost what it held.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.FilePath;
        if (string.IsNullOrWhiteSpace(path) || FileStamp.Of(path) is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _applied = null;
            _appliedHash = null;
            _seen = FileStamp.Of(path);
            _stablePolls = PollsBeforeAcceptingIncompleteLine;
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
        var stamp = FileStamp.Of(path);
        if (stamp is null || stamp == _applied)
        {
            return;
        }

        if (stamp != _seen)
        {
            _seen = stamp;
            _stablePolls = 0;
            return;
        }

        _stablePolls++;
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        if (FileStamp.Of(path) != stamp)
        {
            return;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (hash == _appliedHash)
        {
            _applied = stamp;
            return;
        }

        var parsed = CsvUserFileParser.Parse(text);
        if (parsed.HeaderError is not null)
        {
            LogHeaderError(logger, path, parsed.HeaderError);
            _applied = stamp;
            return;
        }

        if (parsed.LastLineIncomplete && _stablePolls < PollsBeforeAcceptingIncompleteLine)
        {
            return;
        }

        foreach (var error in parsed.Errors)
        {
            LogRowSkipped(logger, path, error.Line, error.Reason);
        }

        await provisioner.ApplyAsync(parsed.Rows, cancellationToken);
        _applied = stamp;
        _appliedHash = hash;
    }

    private sealed record FileStamp(DateTime LastWriteUtc, long Length)
    {
        public static FileStamp? Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : null;
        }
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
}
