using System.Collections.Concurrent;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>Records what a revocation feed reports; waits generously, since pub/sub is asynchronous.</summary>
internal sealed class RecordingListener : IRevocationListener
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public ConcurrentQueue<string> Revoked { get; } = new();

    public int FeedLost => _feedLost;

    public int FeedRestored => _feedRestored;

    private int _feedLost;
    private int _feedRestored;

    public void OnRevoked(string sessionId) => Revoked.Enqueue(sessionId);

    public void OnFeedLost() => Interlocked.Increment(ref _feedLost);

    public void OnFeedRestored() => Interlocked.Increment(ref _feedRestored);

    /// <summary>True once <paramref name="sessionId"/> was heard, false after the patience ran out.</summary>
    public Task<bool> HeardAsync(string sessionId) => WaitUntilAsync(() => Revoked.Contains(sessionId));

    public static Task<bool> WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
