using System.Xml.Linq;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>
/// The key ring in Redis, through ASP.NET Core's own repository, with its outages reported as
/// <see cref="StoreUnavailableException"/>: a request that cannot read the key ring answers 503, not 500.
/// </summary>
internal sealed class RedisKeyRingRepository(IXmlRepository inner) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return inner.GetAllElements();
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            inner.StoreElement(element, friendlyName);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }
}
