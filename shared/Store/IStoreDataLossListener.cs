namespace AtotiAuth.Shared.Store;

/// <summary>Told when the store is found to have lost its data (<see cref="StoreDataLossMonitor"/>); called on the monitor's thread, so keep it quick.</summary>
public interface IStoreDataLossListener
{
    /// <summary>The store lost its data: drop what was cached from it.</summary>
    void OnStoreDataLost();
}
