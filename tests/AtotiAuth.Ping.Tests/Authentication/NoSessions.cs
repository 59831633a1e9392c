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

    public Task<IReadOnlyList<Session>> ListByUserAsync(string provider, string userName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ListUserNamesAsync(string provider, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> SetRolesAsync(string sessionId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> RevokeAllAsync(string provider, string userName, string? exceptSessionId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
