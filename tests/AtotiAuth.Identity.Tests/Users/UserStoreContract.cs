using AtotiAuth.Identity.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Users;

/// <summary>What every <see cref="IUserStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class UserStoreContract
{
    private static readonly DateTimeOffset Created = TestClock.Create().GetUtcNow();

    /// <summary>An empty store.</summary>
    protected abstract IUserStore CreateStore();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BasicUser User(string name, UserStatus status = UserStatus.Active) =>
        new(name, $"AQAAAAIAAYagAAAAE{name}", status, Created, Created);

    [Fact]
    public async Task Find_Created_ReturnsUser()
    {
        var store = CreateStore();
        var alice = User("alice", UserStatus.Inactive);

        Assert.True(await store.CreateAsync(alice, Cancel));

        Assert.Equal(alice, await store.FindAsync("alice", Cancel));
    }

    [Fact]
    public async Task Find_Unknown_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.FindAsync("nobody", Cancel));
    }

    [Fact]
    public async Task Find_OtherCase_ReturnsNull()
    {
        var store = CreateStore();
        await store.CreateAsync(User("alice"), Cancel);

        Assert.Null(await store.FindAsync("Alice", Cancel));
    }

    [Fact]
    public async Task Create_NameTaken_ReturnsFalseAndKeepsFirst()
    {
        var store = CreateStore();
        var first = User("alice");
        await store.CreateAsync(first, Cancel);

        Assert.False(await store.CreateAsync(first with { PasswordHash = "other" }, Cancel));

        Assert.Equal(first, await store.FindAsync("alice", Cancel));
    }

    [Fact]
    public async Task Update_Existing_ReplacesUser()
    {
        var store = CreateStore();
        await store.CreateAsync(User("alice"), Cancel);
        var changed = User("alice", UserStatus.Inactive) with { PasswordHash = "new-hash", UpdatedAt = Created.AddHours(1) };

        Assert.True(await store.UpdateAsync(changed, Cancel));

        Assert.Equal(changed, await store.FindAsync("alice", Cancel));
    }

    [Fact]
    public async Task Update_Unknown_ReturnsFalseAndCreatesNothing()
    {
        var store = CreateStore();

        Assert.False(await store.UpdateAsync(User("ghost"), Cancel));

        Assert.Null(await store.FindAsync("ghost", Cancel));
    }

    [Fact]
    public async Task Delete_Existing_RemovesUser()
    {
        var store = CreateStore();
        await store.CreateAsync(User("alice"), Cancel);

        Assert.True(await store.DeleteAsync("alice", Cancel));
        Assert.False(await store.DeleteAsync("alice", Cancel));

        Assert.Null(await store.FindAsync("alice", Cancel));
    }

    [Fact]
    public async Task List_SeveralUsers_OrderedOrdinally()
    {
        var store = CreateStore();
        foreach (var name in new[] { "bob", "alice", "Zoe", "inspire_m@test.com" })
        {
            await store.CreateAsync(User(name), Cancel);
        }

        var users = await store.ListAsync(Cancel);

        Assert.Equal(["Zoe", "alice", "bob", "inspire_m@test.com"], users.Select(u => u.UserName));
    }

    [Fact]
    public async Task Create_EmptyName_Throws()
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(User(""), Cancel));
    }
}
