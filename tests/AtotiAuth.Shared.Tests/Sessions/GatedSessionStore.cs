using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>Wraps a real session store to count the checks that reach it and, when asked, to hold one open.</summary>
internal sealed class GatedSessionStore(ISessionStore inner) : ISessionStore
{
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    /// <summary>While set, the next check waits for it to complete before asking the inner store.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _checks);
        var answer = await inner.AuthenticateAsync(ticket, cancellationToken);
        if (Gate is { } gate)
        {
            Gate = null;
            await gate.Task;
        }

        return answer;
    }

    public Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default) => inner.CreateAsync(request, cancellationToken);

    public Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken = default) => inner.GetAsync(sessionId, cancellationToken);

    public Task<IReadOnlyList<Session>> ListByUserAsync(string provider, string userName, CancellationToken cancellationToken = default) => inner.ListByUserAsync(provider, userName, cancellationToken);

    public Task<IReadOnlyList<string>> ListUserNamesAsync(string provider, CancellationToken cancellationToken = default) => inner.ListUserNamesAsync(provider, cancellationToken);

    public Task<bool> SetRolesAsync(string sessionId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default) => inner.SetRolesAsync(sessionId, roles, cancellationToken);

    public Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default) => inner.RevokeAsync(sessionId, cancellationToken);

    public Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default) => inner.SignOutAsync(ticket, cancellationToken);

    public Task<int> RevokeAllAsync(string provider, string userName, string? exceptSessionId = null, CancellationToken cancellationToken = default) => inner.RevokeAllAsync(provider, userName, exceptSessionId, cancellationToken);
}
