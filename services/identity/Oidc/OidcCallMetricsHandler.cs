using System.Diagnostics;
using AtotiAuth.Shared.Metrics;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Times every call to an OpenID provider on the providers' HTTP client
/// (<see cref="AtotiAuthMetrics.OidcDuration"/>): discovery, keys, token and userinfo alike.
/// </summary>
internal sealed class OidcCallMetricsHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = response.IsSuccessStatusCode ? "success" : "refused";
            return response;
        }
        finally
        {
            AtotiAuthMetrics.OidcDuration.Record(
                AtotiAuthMetrics.SecondsSince(started),
                new("operation", OperationOf(request.RequestUri)),
                new("outcome", outcome));
        }
    }

    /// <summary>The endpoint's role from its path, as the providers name them (Keycloak, Auth0, Google, oidc-provider).</summary>
    internal static string OperationOf(Uri? uri)
    {
        var path = uri?.AbsolutePath ?? "";
        return path switch
        {
            _ when path.Contains("/.well-known/", StringComparison.Ordinal) => "discovery",
            _ when path.Contains("jwks", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/certs", StringComparison.Ordinal) || path.EndsWith("/keys", StringComparison.Ordinal) => "keys",
            _ when path.Contains("userinfo", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/me", StringComparison.Ordinal) => "userinfo",
            _ when path.Contains("token", StringComparison.OrdinalIgnoreCase) => "token",
            _ => "other",
        };
    }
}
