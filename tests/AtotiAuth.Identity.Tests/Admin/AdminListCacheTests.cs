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
