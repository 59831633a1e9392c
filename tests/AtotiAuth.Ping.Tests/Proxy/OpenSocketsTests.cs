using AtotiAuth.Ping.Revocation;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Tests.Proxy;

public sealed class OpenSocketsTests : IDisposable
{
    private readonly RevocationCache _cache = new(
        new NoRevocations(),
        Options.Create(new RevocationCacheOptions()),
        Options.Create(new SessionOptions()),
        TimeProvider.System,
        NullLogger<RevocationCache>.Instance);

    private readonly OpenSockets _sockets;

    public OpenSocketsTests() => _sockets = new OpenSockets(_cache, NullLogger<OpenSockets>.Instance);

    [Fact]
    public void Revocation_HeardByTheCache_AbortsOnlyThatSessionsSockets()
    {
        var (aliceOne, aliceOneAborted) = Socket();
        var (aliceTwo, aliceTwoAborted) = Socket();
        var (bob, bobAborted) = Socket();
        using var t1 = _sockets.Track("alice-sid", aliceOne);
        using var t2 = _sockets.Track("alice-sid", aliceTwo);
        using var t3 = _sockets.Track("bob-sid", bob);

        _cache.OnRevoked("alice-sid");

        Assert.True(aliceOneAborted());
        Assert.True(aliceTwoAborted());
        Assert.False(bobAborted());
        Assert.Equal(1, _sockets.Count);
    }

    [Fact]
    public void Track_Disposed_NoLongerCounted()
    {
        var (context, aborted) = Socket();
        var tracking = _sockets.Track("sid", context);

        tracking.Dispose();
        _cache.OnRevoked("sid");

        Assert.Equal(0, _sockets.Count);
        Assert.False(aborted());
    }

    public void Dispose() => _sockets.Dispose();

    private static (HttpContext Context, Func<bool> Aborted) Socket()
    {
        var lifetime = new RecordingLifetime();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        return (context, () => lifetime.Aborted);
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }

    private sealed class NoRevocations : IRevocationStore
    {
        public Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<IAsyncDisposable> SubscribeAsync(IRevocationListener listener, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
