namespace AtotiAuth.Shared.Roles;

/// <summary>
/// The store's three answers for one principal, on their way (<see cref="RoleResolver.Read"/>). Combine
/// them with <see cref="ResolveAsync"/>, or <see cref="Abandon"/> them when the login fails first, so
/// that a store failure nobody waits for is still observed.
/// </summary>
public sealed class PendingRoles
{
    private readonly string _provider;
    private readonly string _userName;
    private readonly Task<IReadOnlyList<string>> _individual;
    private readonly Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> _mapping;
    private readonly Task<IReadOnlyList<string>> _defaults;

    internal PendingRoles(
        string provider,
        string userName,
        Task<IReadOnlyList<string>> individual,
        Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> mapping,
        Task<IReadOnlyList<string>> defaults)
    {
        _provider = provider;
        _userName = userName;
        _individual = individual;
        _mapping = mapping;
        _defaults = defaults;
    }

    /// <summary>The principal's final roles, by <see cref="RoleResolver.Combine"/>, once the reads are in.</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyCollection<string> providerRoles, RoleKeyComparison keyComparison = RoleKeyComparison.Ordinal)
    {
        ArgumentNullException.ThrowIfNull(providerRoles);
        await Task.WhenAll(_individual, _mapping, _defaults).ConfigureAwait(false);
        return RoleResolver.Combine(
            new RoleResolutionRequest(_provider, _userName, providerRoles, keyComparison),
            await _individual.ConfigureAwait(false),
            await _mapping.ConfigureAwait(false),
            await _defaults.ConfigureAwait(false));
    }

    /// <summary>Lets the reads finish unused; a failure among them is observed, not rethrown.</summary>
    public void Abandon()
    {
        _ = Task.WhenAll(_individual, _mapping, _defaults).ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
