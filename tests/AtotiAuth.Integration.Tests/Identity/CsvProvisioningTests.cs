using System.Net;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class CsvProvisioningTests(RedisFixture redis) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atotiauth-csv-").FullName;

    private string FilePath => Path.Combine(_folder, "users.csv");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csv_Create_UsersCanLogInWithTheirRoles()
    {
        await WriteAtomicallyAsync("User,Password,Status,Roles\ncsv-ann,ann-password-1,Active,ROLE_SHARE\ncsv-ben,ben-password-1,Inactive,\n");
        await using var app = Start();

        await WaitForAsync(app, "csv-ben", static u => u is not null);
        using var ann = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-ann", "ann-password-1");
        using var ben = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-ben", "ben-password-1");

        Assert.Equal(HttpStatusCode.Redirect, ann.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ben.StatusCode);
        Assert.Equal(["ROLE_SHARE", "ROLE_USER"], await app.Get<IRoleStore>().GetIndividualRolesAsync("basic", "csv-ann", Ct));
    }

    [Fact]
    public async Task Csv_UpdateAndDeactivate_ChangesPasswordAndRevokesSessions()
    {
        await WriteAtomicallyAsync("User,Password,Status,Roles\ncsv-ann,ann-password-1,Active,\n");
        await using var app = Start();
        await WaitForAsync(app, "csv-ann", static u => u is not null);
        using var first = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-ann", "ann-password-1");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var oldHash = (await app.Get<IUserStore>().FindAsync("csv-ann", Ct))!.PasswordHash;
        await WriteAtomicallyAsync("User,Password,Status,Roles\ncsv-ann,ann-password-2,Active,\n");
        await WaitForAsync(app, "csv-ann", u => u?.PasswordHash != oldHash);
        using var newPassword = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-ann", "ann-password-2");
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
        using var oldPassword = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-ann", "ann-password-1");
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.NotEmpty(await app.Get<ISessionStore>().ListByUserAsync("basic", "csv-ann", Ct));

        await WriteAtomicallyAsync("User,Password,Status,Roles\ncsv-ann,ann-password-2,Inactive,\n");
        await WaitForAsync(app, "csv-ann", static u => u?.Status == UserStatus.Inactive);

        // The status changes first (no new login), then the sessions are revoked.
        for (var i = 0; i < 50 && (await app.Get<ISessionStore>().ListByUserAsync("basic", "csv-ann", Ct)).Count > 0; i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Empty(await app.Get<ISessionStore>().ListByUserAsync("basic", "csv-ann", Ct));
        using var refused = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-ann", "ann-password-2");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Csv_MalformedRow_IsSkippedAndTheRestApplied()
    {
        await WriteAtomicallyAsync("User,Password,Status,Roles\ncsv-bad,bad-password-1,Sleeping,\ncsv-good,good-password-1,Active,\n");
        await using var app = Start();

        await WaitForAsync(app, "csv-good", static u => u is not null);

        Assert.Null(await app.Get<IUserStore>().FindAsync("csv-bad", Ct));
    }

    [Fact]
    public async Task Csv_WrongHeader_AppliesNothingUntilFixed()
    {
        await WriteAtomicallyAsync("Login,Password,Status,Roles\ncsv-early,early-password,Active,\n");
        await using var app = Start();
        await Task.Delay(TimeSpan.FromMilliseconds(600), Ct);
        Assert.Null(await app.Get<IUserStore>().FindAsync("csv-early", Ct));

        await WriteAtomicallyAsync("User,Password,Status,Roles\ncsv-early,early-password,Active,\n");

        await WaitForAsync(app, "csv-early", static u => u is not null);
    }

    [Fact]
    public async Task Csv_PartialWriteThenCompletion_AppliesOnlyTheWholeFile()
    {
        await using var app = Start();
        await File.WriteAllTextAsync(FilePath, "User,Password,Status,Roles\ncsv-one,one-password-1,Active,\ncsv-two,tw", Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);

        await File.AppendAllTextAsync(FilePath, "o-password-1,Active,ROLE_SHARE\n", Ct);
        await WaitForAsync(app, "csv-two", static u => u is not null);

        using var two = await IdentityApp.LoginWithFormAsync(app.CreateClient(), "csv-two", "two-password-1");
        Assert.Equal(HttpStatusCode.Redirect, two.StatusCode);
    }

    private IdentityApp Start() => new(redis, new Dictionary<string, string?>
    {
        ["AtotiAuth:Identity:Provisioning:FilePath"] = FilePath,
        ["AtotiAuth:Identity:Provisioning:PollInterval"] = "00:00:00.100",
    });

    /// <summary>Write to a temporary file, then rename over the target: readers see the old or the new file, never half.</summary>
    private async Task WriteAtomicallyAsync(string text)
    {
        var temporary = Path.Combine(_folder, $".users-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, text, Ct);
        File.Move(temporary, FilePath, overwrite: true);
    }

    private static async Task WaitForAsync(IdentityApp app, string userName, Func<BasicUser?, bool> condition)
    {
        var users = app.Get<IUserStore>();
        for (var i = 0; i < 100; i++)
        {
            if (condition(await users.FindAsync(userName, Ct)))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"the provisioning file was not applied for {userName} within 10 s");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
