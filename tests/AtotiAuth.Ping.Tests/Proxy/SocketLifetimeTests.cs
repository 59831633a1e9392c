using AtotiAuth.Ping.Revocation;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Ping.Tests.Proxy;

/// <summary>A socket lives as long as its session: looked up when its cookie expires, then every check interval.</summary>
public sealed class SocketLifetimeTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Sessions _sessions = new();
    private readonly SocketLifetime _lifetime;

    public SocketLifetimeTests() => _lifetime = new SocketLifetime(
        _sessions, Options.Create(new PingOptions { SocketSessionCheck = TimeSpan.FromMinutes(1) }), _time, NullLogger<SocketLifetime>.Instance);

    [Fact]
    public async Task Watch_SessionAliveWhenTheCookieExpires_KeptOpenUntilTheSessionIsGone()
    {
        _sessions.Alive = true;
        var (context, aborted) = Socket();
        using var watch = _lifetime.Watch(context, Caller(TimeSpan.FromMinutes(15)));

        await AdvanceAsync(TimeSpan.FromMinutes(15));
        var openAfterTheCookie = !aborted();
        await AdvanceAsync(TimeSpan.FromMinutes(3));
        var openAfterThreeChecks = !aborted();
        _sessions.Alive = false;
        await AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.True(openAfterTheCookie);
        Assert.True(openAfterThreeChecks);
        Assert.True(aborted());
        Assert.Equal(5, _sessions.Reads);
    }

    [Fact]
    public async Task Watch_SessionGoneWhenTheCookieExpires_Aborted()
    {
        var (context, aborted) = Socket();
        using var watch = _lifetime.Watch(context, Caller(TimeSpan.FromMinutes(15)));

        await AdvanceAsync(TimeSpan.FromMinutes(14));
        var openBefore = !aborted();
        await AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.True(openBefore);
        Assert.True(aborted());
        Assert.Equal(1, _sessions.Reads);
    }

    [Fact]
    public async Task Watch_Disposed_NeverAborts()
    {
        var (context, aborted) = Socket();
        var watch = _lifetime.Watch(context, Caller(TimeSpan.FromMinutes(15)));

        watch.Dispose();
        await AdvanceAsync(TimeSpan.FromHours(1));

        Assert.False(aborted());
        Assert.Equal(0, _sessions.Reads);
    }

    private AtotiAuthCaller Caller(TimeSpan life) => new("sid-1", "alice", ["ROLE_USER"], _time.GetUtcNow() + life);

    private async Task AdvanceAsync(TimeSpan by)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromSeconds(30))
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

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

    /// <summary>One session that is alive or not; its reads counted.</summary>
    private sealed class Sessions : ISessionStore
    {
        public bool Alive { get; set; }

        public int Reads { get; private set; }

        public Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
        {
            Reads++;
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(Alive ? new Session(sessionId, "alice", "basic", ["ROLE_USER"], now, now, now.AddHours(10)) : null);
        }

        public Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Session>> ListByUserAsync(string provider, string userName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> ListUserNamesAsync(string provider, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> SetRolesAsync(string sessionId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> RevokeAllAsync(string provider, string userName, string? exceptSessionId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
