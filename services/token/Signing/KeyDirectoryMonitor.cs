using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Signing;

/// <summary>Loads the keys at start (a bad key stops the host) and re-reads the directory on a timer.</summary>
internal sealed class KeyDirectoryMonitor(SigningKeySet keys, IOptions<SigningOptions> options, TimeProvider time) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        keys.Reload(strict: true);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Also re-evaluated without directory changes: a waiting key becomes active when its lead has passed.
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            keys.Reload(strict: false);
        }
    }
}
