using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Ping.Tests.Authentication;

/// <summary>A session store that knows no session and counts the questions; the sidecar only reads from it.</summary>
internal sealed class NoSessions : ISessionStore
{
    public int Reads { get; private set; }

    public Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult<Session?>(null);
    }

    public Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Session>> ListByUserAsync(string userName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> RevokeAllAsync(string userName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
