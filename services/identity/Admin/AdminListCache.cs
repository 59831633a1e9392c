using AtotiAuth.Shared.Users;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// The admin API's two listings (basic users, individual roles), each answered from a copy at most
/// <see cref="Lifetime"/> old, so that an admin console polling them costs no store read per request.
/// Every write this process makes through <see cref="IUserStore"/> or <see cref="Shared.Roles.IRoleStore"/>
/// (admin API, CSV provisioning, seeding) drops both copies before it returns, so a replica always
/// reads its own writes; a write made by another replica shows here within <see cref="Lifetime"/>.
/// Logins and single-user reads never use it: they always ask the store.
/// </summary>
internal sealed class AdminListCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private long _generation;

    public Listing<IReadOnlyList<BasicUser>> Users { get; } = new();

    public Listing<IReadOnlyDictionary<string, IReadOnlyList<string>>> IndividualRoles { get; } = new();

    /// <summary>The users listing's JSON, made from the two copies above.</summary>
    public ListingBody UsersBody { get; } = new();

    /// <summary>The individual roles listing's JSON, made from its copy.</summary>
    public ListingBody IndividualRolesBody { get; } = new();

    /// <summary>No copy read before this call is used again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Awaits a write, then drops the copies, whether it succeeded or not (a failed one may have been applied).</summary>
    public async Task AfterWriteAsync(Task write)
    {
        try
        {
            await write;
        }
        finally
        {
            Invalidate();
        }
    }

    /// <inheritdoc cref="AfterWriteAsync(Task)"/>
    public async Task<T> AfterWriteAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            Invalidate();
        }
    }

    /// <summary>A copy of one listing; a read that overlaps a write is returned but not kept.</summary>
    public async Task<T> GetAsync<T>(Listing<T> listing, Func<Task<T>> read)
        where T : class
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (listing.Copy is { } copy && copy.Generation == generation && now - copy.ReadAt < Lifetime)
        {
            return copy.Value;
        }

        var value = await read();
        if (Interlocked.Read(ref _generation) == generation)
        {
            listing.Copy = new Listing<T>.Snapshot(value, now, generation);
        }

        return value;
    }

    internal sealed class Listing<T>
        where T : class
    {
        private volatile Snapshot? _copy;

        public Snapshot? Copy
        {
            get => _copy;
            set => _copy = value;
        }

        internal sealed record Snapshot(T Value, DateTimeOffset ReadAt, long Generation);
    }
}
