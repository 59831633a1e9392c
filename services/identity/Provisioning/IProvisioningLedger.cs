namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// The users the provisioning file listed when it was last applied, shared by every replica. Methods
/// throw <see cref="AtotiAuth.Shared.Store.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
internal interface IProvisioningLedger
{
    Task<IReadOnlyDictionary<string, ProvisionedUser>> ReadAsync(CancellationToken cancellationToken);

    Task SetAsync(string userName, ProvisionedUser user, CancellationToken cancellationToken);

    Task RemoveAsync(string userName, CancellationToken cancellationToken);
}
