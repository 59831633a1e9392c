namespace AtotiAuth.Identity.Users;

/// <summary>Basic users. User names compare ordinally (case-sensitive), as Atoti's individual roles do.</summary>
public interface IUserStore
{
    /// <summary>The user, or null.</summary>
    Task<BasicUser?> FindAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Adds a user; false when the name is taken.</summary>
    Task<bool> CreateAsync(BasicUser user, CancellationToken cancellationToken = default);

    /// <summary>Replaces a user; false when there is none of that name.</summary>
    Task<bool> UpdateAsync(BasicUser user, CancellationToken cancellationToken = default);

    /// <summary>Removes a user; false when there was none.</summary>
    Task<bool> DeleteAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Every user, ordered by name.</summary>
    Task<IReadOnlyList<BasicUser>> ListAsync(CancellationToken cancellationToken = default);
}
