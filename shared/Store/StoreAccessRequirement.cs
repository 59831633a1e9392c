namespace AtotiAuth.Shared.Store;

/// <summary>One registration's part of what the service does with the store (<see cref="StoreAccessExtensions.AddStoreAccess"/>).</summary>
/// <param name="Access">The key families it reads or writes.</param>
public sealed record StoreAccessRequirement(StoreAccess Access);
