using System.Diagnostics;
using AtotiAuth.Shared.Metrics;

namespace AtotiAuth.Identity.Ldap;

/// <summary>Times the directory's calls (<see cref="AtotiAuthMetrics.LdapDuration"/>): a connection's bind, a pooled operation (searches).</summary>
internal static class LdapCallMetrics
{
    public static async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await call().ConfigureAwait(false);
            outcome = "success";
            return result;
        }
        catch (Exception ex) when (LdapFailures.IsInvalidCredentials(ex))
        {
            outcome = "invalid_credentials";
            throw;
        }
        finally
        {
            AtotiAuthMetrics.LdapDuration.Record(AtotiAuthMetrics.SecondsSince(started), new("operation", operation), new("outcome", outcome));
        }
    }
}
