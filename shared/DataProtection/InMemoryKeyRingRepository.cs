using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>
/// The key ring in memory, for the hosts whose store is in memory too (the standalone host): keys die
/// with the process like its sessions. Set as the key manager's repository rather than swapping the
/// provider, so that nothing falls back to a key folder under <c>$HOME</c> (a read-only root file
/// system in a container has none to write).
/// </summary>
internal sealed class InMemoryKeyRingRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return [.. _elements.Select(static e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
