using System.Diagnostics;
using System.Net;
using System.Text;
using AtotiAuth.Identity.Provisioning;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// Issue 22, CSV provisioning an operator can trust, against the real Redis: a Kubernetes ConfigMap's
/// symlink swap, an in-place writer's pause, a one-row change to a 5,000-row file, removal and its guard.
/// </summary>
public sealed class CsvProvisioningTrustTests(RedisFixture redis) : IAsyncDisposable
{
    private const string Header = "User,Password,Status,Roles\n";
    private readonly string _folder = Directory.CreateTempSubdirectory("atotiauth-csv-trust-").FullName;

    private string FilePath => Path.Combine(_folder, "users.csv");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Kubernetes writes a new timestamped folder and swaps the <c>..data</c> link to it; <c>users.csv</c>
    /// stays a link to <c>..data/users.csv</c>. The new file here has the old one's size and time too.
    /// Polled by hand, so "within two polls" is counted, not timed.
    /// </summary>
    [Fact]
    public async Task Csv_ConfigMapSymlinkSwap_AppliedAtTheSecondPoll()
    {
        var first = WriteConfigMapVersion("..2026_01_01_00_00_00.1", Header + "csv-cm,configmap-pass-1,Active,ROLE_SHARE\n");
        File.CreateSymbolicLink(Path.Combine(_folder, "..data"), Path.GetFileName(first));
        File.CreateSymbolicLink(FilePath, "..data/users.csv");
        await using var app = Start(watch: false);
        var poller = Poller(app);

        await poller.PollAsync(FilePath, Ct);
        await poller.PollAsync(FilePath, Ct);
        var before = await app.Get<IUserStore>().FindAsync("csv-cm", Ct);
        Assert.NotNull(before);

        var second = WriteConfigMapVersion("..2026_01_01_00_01_00.2", Header + "csv-cm,configmap-pass-2,Active,ROLE_SHARE\n");
        File.SetLastWriteTimeUtc(Path.Combine(second, "users.csv"), File.GetLastWriteTimeUtc(Path.Combine(first, "users.csv")));
        var swap = Path.Combine(_folder, "..data_tmp");
        File.CreateSymbolicLink(swap, Path.GetFileName(second));
        await RenameAsync(swap, Path.Combine(_folder, "..data"));

        await poller.PollAsync(FilePath, Ct);
        await poller.PollAsync(FilePath, Ct);

        var after = await app.Get<IUserStore>().FindAsync("csv-cm", Ct);
        Assert.NotEqual(before.PasswordHash, after!.PasswordHash);
        using var login = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-cm", "configmap-pass-2");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    /// <summary>
    /// A writer rewrites the file in place and pauses after a row that parses (<c>ROLE_X;ROLE_ADMIN</c>)
    /// but is cut: the real row ends in <c>ROLE_ADMIN_VIEWER</c>. Nothing is granted during the pause,
    /// however many polls see it; the whole row is applied once written.
    /// </summary>
    [Fact]
    public async Task Csv_InPlaceWriterPausesAfterACutRow_NoRoleGranted()
    {
        await WriteAtomicallyAsync(Header + "henry,henry-password-1,Active,ROLE_X\n");
        await using var app = await StartAsync();
        var roles = app.Get<IRoleStore>();
        var applies = app.Get<CsvProvisioningStatus>().Applies;

        await using (var writer = new FileStream(FilePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            writer.SetLength(0);
            await writer.WriteAsync(Encoding.UTF8.GetBytes(Header + "henry,henry-password-1,Active,ROLE_X;ROLE_ADMIN"), Ct);
            await writer.FlushAsync(Ct);

            // Twenty polls of the paused writer.
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(100, Ct);
                Assert.DoesNotContain("ROLE_ADMIN", await roles.GetIndividualRolesAsync("basic", "henry", Ct));
            }

            await writer.WriteAsync(Encoding.UTF8.GetBytes("_VIEWER\n"), Ct);
        }

        await WaitForAsync(app, s => s.Applies > applies);
        Assert.Equal(["ROLE_ADMIN_VIEWER", "ROLE_USER", "ROLE_X"], await roles.GetIndividualRolesAsync("basic", "henry", Ct));
        Assert.Equal(1, app.Get<CsvProvisioningStatus>().Last!.Applied);
    }

    /// <summary>
    /// The first apply of 5,000 rows runs in the background while logins go on; then one changed row is
    /// applied within 5 s, the 4,999 others untouched (no password verified, no store call). Hashes here
    /// cost 5,000 PBKDF2 iterations instead of the service's default, so that the first apply fits a test
    /// run; a one-row change that still verified every row would still take far over 5 s.
    /// </summary>
    [Fact]
    public async Task Csv_OneRowChangeIn5000Rows_AppliedWithin5Seconds()
    {
        const int rows = 5_000;
        await using var app = await StartAsync(services: static s => s.PostConfigure<PasswordHasherOptions>(static o => o.IterationCount = 5_000), poll: "00:00:00.200");
        var status = app.Get<CsvProvisioningStatus>();
        var idle = await LoginTimesAsync(app, 5);

        await WriteAtomicallyAsync(BigFile(rows, changed: -1));
        var during = new List<double>();
        for (var i = 0; i < 360 && status.Applies == 0; i++)
        {
            during.AddRange(await LoginTimesAsync(app, 1));
            await Task.Delay(500, Ct);
        }

        var first = status.Last ?? throw new Xunit.Sdk.XunitException("the 5,000-row file was not applied within about 4 minutes");
        Assert.Equal((rows, rows, 0), (first.Rows, first.Applied, first.Unchanged));

        var clock = Stopwatch.StartNew();
        await ApplyAsync(app, BigFile(rows, changed: 2_500));
        var elapsed = clock.Elapsed;

        var change = status.Last!;
        TestContext.Current.SendDiagnosticMessage(
            $"first apply of {rows} rows: {first.Duration.TotalSeconds:F1} s; logins meanwhile: median {Median(during):F0} ms over {during.Count} (idle {Median(idle):F0} ms); one-row change applied {elapsed.TotalMilliseconds:F0} ms after the write (apply {change.Duration.TotalMilliseconds:F0} ms)");
        Assert.Equal((rows, 1, rows - 1), (change.Rows, change.Applied, change.Unchanged));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"the one-row change took {elapsed.TotalSeconds:F1} s");
        Assert.NotEmpty(during);
        Assert.True(Median(during) <= Math.Max(4 * Median(idle), Median(idle) + 1_000), $"logins during the first apply: median {Median(during):F0} ms against {Median(idle):F0} ms idle");
        using var login = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "bulk-02500", "changed-pw-02500");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Csv_RemovalOn_DeletesOnlyUsersTheFileCreated_AndTheGuardStopsATruncatedFile()
    {
        await using var app = await StartAsync(extra: new() { ["AtotiAuth:Identity:Provisioning:RemoveUnlisted"] = "Delete" });
        var users = app.Get<IUserStore>();
        await app.Get<BasicUsers>().CreateAsync("made-by-admin", "admin-made-pw", [], UserStatus.Active, Ct);
        await ApplyAsync(app, Header + "csv-a,csv-a-password,Active,\ncsv-b,csv-b-password,Active,\ncsv-c,csv-c-password,Active,\ncsv-d,csv-d-password,Active,\nmade-by-admin,admin-made-pw,Active,\n");

        // One row of five: below half the rows before, so nobody is removed.
        await ApplyAsync(app, Header + "csv-a,csv-a-password,Active,\n");
        Assert.True(app.Get<CsvProvisioningStatus>().Last!.RemovalsSkipped);
        Assert.NotNull(await users.FindAsync("csv-d", Ct));

        // No rows at all: the same.
        await ApplyAsync(app, Header);
        Assert.True(app.Get<CsvProvisioningStatus>().Last!.RemovalsSkipped);
        Assert.NotNull(await users.FindAsync("csv-b", Ct));

        await ApplyAsync(app, Header + "csv-a,csv-a-password,Active,\ncsv-b,csv-b-password,Active,\ncsv-c,csv-c-password,Active,\n");

        Assert.Equal(1, app.Get<CsvProvisioningStatus>().Last!.Removed);
        Assert.Null(await users.FindAsync("csv-d", Ct));
        Assert.NotNull(await users.FindAsync("made-by-admin", Ct));
        Assert.NotNull(await users.FindAsync("csv-c", Ct));
    }

    [Fact]
    public async Task Csv_RemovalOff_LeavesUnlistedUsers_AndDeactivateBringsThemBack()
    {
        await WriteAtomicallyAsync(Header + "csv-x,csv-x-password,Active,\ncsv-y,csv-y-password,Active,\n");
        await using (var off = await StartAsync())
        {
            await ApplyAsync(off, Header + "csv-x,csv-x-password,Active,\n");
            Assert.Equal(UserStatus.Active, (await off.Get<IUserStore>().FindAsync("csv-y", Ct))!.Status);
        }

        await using var app = await StartAsync(extra: new() { ["AtotiAuth:Identity:Provisioning:RemoveUnlisted"] = "Deactivate" }, keyPrefix: _lastPrefix);
        Assert.Equal(UserStatus.Inactive, (await app.Get<IUserStore>().FindAsync("csv-y", Ct))!.Status);

        await ApplyAsync(app, Header + "csv-x,csv-x-password,Active,\ncsv-y,csv-y-password,Active,\n");
        Assert.Equal(UserStatus.Active, (await app.Get<IUserStore>().FindAsync("csv-y", Ct))!.Status);
    }

    private string? _lastPrefix;

    private IdentityApp Start(bool watch = true, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null, string poll = "00:00:00.100", string? keyPrefix = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Provisioning:FilePath"] = watch ? FilePath : null,
            ["AtotiAuth:Identity:Provisioning:PollInterval"] = poll,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = new IdentityApp(redis, settings, keyPrefix, services);
        _lastPrefix = app.KeyPrefix;
        return app;
    }

    /// <summary>
    /// Starts the app and waits until the store's first seeding is done (its generation marker written) and
    /// the file, if there is one, applied. The seeding applies the file too, and may do so just after the
    /// poller did: counting applies is only sound once both are past.
    /// </summary>
    private async Task<IdentityApp> StartAsync(Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null, string poll = "00:00:00.100", string? keyPrefix = null)
    {
        var app = Start(extra: extra, services: services, poll: poll, keyPrefix: keyPrefix);
        var redis = app.Get<IConnectionMultiplexer>().GetDatabase();
        var marker = new RedisKeys(app.KeyPrefix).Generation;
        for (var i = 0; i < 200 && !await redis.KeyExistsAsync(marker); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(await redis.KeyExistsAsync(marker), "the store was not seeded within 10 s");
        if (File.Exists(FilePath))
        {
            await WaitForAsync(app, static s => s.Applies >= 1);
        }

        return app;
    }

    /// <summary>Writes the file as a whole and waits until the poller applied it.</summary>
    private async Task ApplyAsync(IdentityApp app, string text)
    {
        var applies = app.Get<CsvProvisioningStatus>().Applies;
        await WriteAtomicallyAsync(text);
        await WaitForAsync(app, s => s.Applies > applies);
    }

    /// <summary>A poller of its own on the app's provisioner, driven one poll at a time.</summary>
    private static CsvProvisioningService Poller(IdentityApp app) => new(
        app.Get<CsvProvisioner>(),
        app.Get<CsvProvisioningStatus>(),
        Options.Create(new CsvProvisioningOptions()),
        TimeProvider.System,
        NullLogger<CsvProvisioningService>.Instance);

    /// <summary>rename(2) of a link over another, as Kubernetes' atomic writer swaps <c>..data</c> (File.Move refuses links to folders).</summary>
    private static async Task RenameAsync(string from, string to)
    {
        using var mv = Process.Start(new ProcessStartInfo("mv", ["-T", "-f", from, to]) { RedirectStandardError = true })!;
        await mv.WaitForExitAsync(Ct);
        Assert.True(mv.ExitCode == 0, await mv.StandardError.ReadToEndAsync(Ct));
    }

    private string WriteConfigMapVersion(string name, string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "users.csv"), text);
        return folder;
    }

    private static string BigFile(int rows, int changed)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < rows; i++)
        {
            var password = i == changed ? $"changed-pw-{i:D5}" : $"bulk-pw-{i:D5}";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"bulk-{i:D5},{password},Active,{(i == changed ? "ROLE_SHARE" : "")}\n");
        }

        return text.ToString();
    }

    private static async Task<List<double>> LoginTimesAsync(IdentityApp app, int count)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "alice", IdentityApp.AlicePassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private async Task WriteAtomicallyAsync(string text)
    {
        var temporary = Path.Combine(_folder, $".users-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, text, Ct);
        File.Move(temporary, FilePath, overwrite: true);
    }

    private static async Task WaitForAsync(IdentityApp app, Func<CsvProvisioningStatus, bool> condition)
    {
        var status = app.Get<CsvProvisioningStatus>();
        for (var i = 0; i < 200 && !condition(status); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(status), $"the provisioning file was not applied as expected within 10 s (applies: {status.Applies})");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
