using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// Reads a scheme's keys as the host starts, in the background, so that the first requests find them
/// instead of waiting for the fetch (or being refused with 503 if it takes longer than they may wait).
/// </summary>
internal sealed class JwksWarmup(IOptionsMonitor<AtotiAuthJwtOptions> options, string scheme) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Get(scheme).Verifier is { } verifier)
        {
            _ = verifier.Keys.GetAsync(CancellationToken.None).AsTask();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
