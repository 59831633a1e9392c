using System.Diagnostics;

namespace AtotiAuth.Benchmarks.Oidc;

/// <summary>Times each call to the provider (token endpoint, JWKS, userinfo, discovery) through the body read.</summary>
internal sealed class BackchannelTimer : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);

            // Buffered here so the provider's body transfer counts as the provider's time, not ours.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            CallbackClock.AddProviderTime(Stopwatch.GetTimestamp() - start);
        }
    }
}
