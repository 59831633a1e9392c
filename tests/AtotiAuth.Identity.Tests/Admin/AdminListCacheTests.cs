using AtotiAuth.Identity.Admin;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Identity.Tests.Admin;

public sealed class AdminListCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly AdminListCache _cache;
    private int _reads;

    public AdminListCacheTests() => _cache = new AdminListCache(_time);

    [Fact]
    public async Task Get_WithinLifetime_ReadsTheStoreOnce()
    {
        var first = await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);
        _time.Advance(AdminListCache.Lifetime - TimeSpan.FromMilliseconds(1));
        var second = await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);

        Assert.Equal(1, _reads);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Get_AfterLifetime_ReadsTheStoreAgain()
    {
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);
        _time.Advance(AdminListCache.Lifetime);
        var again = await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);

        Assert.Equal(2, _reads);
        Assert.Equal("2", Assert.Single(again["reads"]));
    }

    [Fact]
    public async Task Get_AfterAWrite_ReadsTheStoreAgain()
    {
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);
        await _cache.AfterWriteAsync(Task.CompletedTask);
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Get_AfterAFailedWrite_ReadsTheStoreAgain()
    {
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _cache.AfterWriteAsync(Task.FromException<bool>(new InvalidOperationException("timed out after sending"))));
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Get_ReadOverlappingAWrite_IsReturnedButNotKept()
    {
        var release = new TaskCompletionSource();
        var reading = _cache.GetAsync(_cache.IndividualRoles, async () =>
        {
            await release.Task;
            return await ReadAsync();
        });
        _cache.Invalidate();
        release.SetResult();
        await reading;
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Get_ListingsAreKeptApart()
    {
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);
        var users = await _cache.GetAsync(_cache.Users, () => Task.FromResult<IReadOnlyList<AtotiAuth.Shared.Users.BasicUser>>([]));

        Assert.Empty(users);
        await _cache.GetAsync(_cache.IndividualRoles, ReadAsync);
        Assert.Equal(1, _reads);
    }

    private Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync()
    {
        var n = Interlocked.Increment(ref _reads);
        return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(new Dictionary<string, IReadOnlyList<string>>
        {
            ["reads"] = [n.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        });
    }
}

public sealed class ListingBodyTests
{
    private readonly ListingBody _body = new();
    private int _made;

    [Fact]
    public void For_SameCopies_ReturnsTheBytesMadeOnce()
    {
        var users = new object();
        var roles = new object();

        var first = _body.For(users, roles, Make);
        var second = _body.For(users, roles, Make);

        Assert.Equal(1, _made);
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void For_AnotherCopyOfEither_MakesTheBytesAgain(bool newFirst, bool newSecond)
    {
        var users = new object();
        var roles = new object();
        _body.For(users, roles, Make);

        var again = _body.For(newFirst ? new object() : users, newSecond ? new object() : roles, Make);

        Assert.Equal(2, _made);
        Assert.Equal("2"u8.ToArray(), again);
    }

    private byte[] Make() => System.Text.Encoding.ASCII.GetBytes((++_made).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
