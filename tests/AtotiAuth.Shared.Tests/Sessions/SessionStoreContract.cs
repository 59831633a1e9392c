using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>What every <see cref="ISessionStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class SessionStoreContract
{
    private static readonly NewSession Alice = new("alice", "basic", ["ROLE_USER", "ROLE_ADMIN"]);

    protected FakeTimeProvider Time { get; } = TestClock.Create();

    protected SessionOptions Timeouts { get; } = new()
    {
        IdleTimeout = TimeSpan.FromMinutes(30),
        AbsoluteTimeout = TimeSpan.FromHours(10),
        RevocationRetention = TimeSpan.FromHours(12),
    };

    /// <summary>A session store and the revocation store it records to, both using <see cref="Time"/> and <see cref="Timeouts"/>.</summary>
    protected abstract (ISessionStore Sessions, IRevocationStore Revocations) CreateStores();

    private ISessionStore CreateStore() => CreateStores().Sessions;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_NewLogin_ReturnsTicketOf128BitIdAnd256BitSecret()
    {
        var store = CreateStore();

        var issued = await store.CreateAsync(Alice, Cancel);

        Assert.Equal(22, issued.Session.Id.Length);
        Assert.Equal(43, issued.Ticket.Secret.Length);
        Assert.Equal(issued.Session.Id, issued.Ticket.SessionId);
        Assert.True(SessionTicket.TryParse(issued.Ticket.ToString(), out var parsed));
        Assert.Equal(issued.Ticket, parsed);
        Assert.Equal(Time.GetUtcNow(), issued.Session.CreatedAt);
        Assert.Equal(Time.GetUtcNow() + Timeouts.AbsoluteTimeout, issued.Session.ExpiresAt);
    }

    [Fact]
    public async Task Create_TwoLogins_GetDistinctIdsAndSecrets()
    {
        var store = CreateStore();

        var first = await store.CreateAsync(Alice, Cancel);
        var second = await store.CreateAsync(Alice, Cancel);

        Assert.NotEqual(first.Session.Id, second.Session.Id);
        Assert.NotEqual(first.Ticket.Secret, second.Ticket.Secret);
    }

    [Fact]
    public async Task Get_CreatedSession_ReturnsItsFields()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        var session = await store.GetAsync(issued.Session.Id, Cancel);

        Assert.NotNull(session);
        Assert.Equivalent(issued.Session, session, strict: true);
        Assert.Equal(["ROLE_USER", "ROLE_ADMIN"], session.Roles);
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync("AAAAAAAAAAAAAAAAAAAAAA", Cancel));
    }

    [Fact]
    public async Task Authenticate_ValidTicket_ReturnsSession()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        var session = await store.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.NotNull(session);
        Assert.Equal(issued.Session.Id, session.Id);
        Assert.Equal("alice", session.UserName);
        Assert.Equal("basic", session.Provider);
    }

    [Fact]
    public async Task Authenticate_WrongSecret_ReturnsNull()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);
        var other = await store.CreateAsync(Alice, Cancel);

        Assert.Null(await store.AuthenticateAsync(issued.Ticket with { Secret = other.Ticket.Secret }, Cancel));
        Assert.Null(await store.AuthenticateAsync(issued.Ticket with { Secret = "x" }, Cancel));
    }

    [Fact]
    public async Task Authenticate_UnknownId_ReturnsNull()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        Assert.Null(await store.AuthenticateAsync(issued.Ticket with { SessionId = "AAAAAAAAAAAAAAAAAAAAAA" }, Cancel));
    }

    [Fact]
    public async Task Authenticate_IdleLongerThanTimeout_ReturnsNull()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        Time.Advance(Timeouts.IdleTimeout + TimeSpan.FromSeconds(1));

        Assert.Null(await store.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.Null(await store.GetAsync(issued.Session.Id, Cancel));
    }

    [Fact]
    public async Task Authenticate_UsedWithinIdleTimeout_ExtendsIdleTimeout()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        Time.Advance(TimeSpan.FromMinutes(20));
        var touched = await store.AuthenticateAsync(issued.Ticket, Cancel);
        Time.Advance(TimeSpan.FromMinutes(20));
        var later = await store.AuthenticateAsync(issued.Ticket, Cancel);
        Time.Advance(Timeouts.IdleTimeout + TimeSpan.FromSeconds(1));
        var idle = await store.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.NotNull(touched);
        Assert.Equal(issued.Session.CreatedAt + TimeSpan.FromMinutes(20), touched.LastSeenAt);
        Assert.NotNull(later);
        Assert.Null(idle);
    }

    [Fact]
    public async Task Authenticate_UsedAgainWithinTouchInterval_DoesNotRewriteLastSeen()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        Time.Advance(TimeSpan.FromSeconds(10));
        var session = await store.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.NotNull(session);
        Assert.Equal(issued.Session.CreatedAt, session.LastSeenAt);
    }

    [Fact]
    public async Task Authenticate_PastAbsoluteTimeoutDespiteActivity_ReturnsNull()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        for (var elapsed = TimeSpan.Zero; elapsed < Timeouts.AbsoluteTimeout; elapsed += TimeSpan.FromMinutes(20))
        {
            Assert.NotNull(await store.AuthenticateAsync(issued.Ticket, Cancel));
            Time.Advance(TimeSpan.FromMinutes(20));
        }

        Assert.Null(await store.AuthenticateAsync(issued.Ticket, Cancel));
    }

    [Fact]
    public async Task Get_AfterUse_DoesNotTouch()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice, Cancel);

        Time.Advance(TimeSpan.FromMinutes(20));
        await store.GetAsync(issued.Session.Id, Cancel);
        Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(await store.GetAsync(issued.Session.Id, Cancel));
    }

    [Fact]
    public async Task ListByUser_SomeEnded_ReturnsActiveSessionsInCreationOrder()
    {
        var store = CreateStore();
        var stale = await store.CreateAsync(Alice, Cancel);
        Time.Advance(TimeSpan.FromMinutes(20));
        var first = await store.CreateAsync(Alice, Cancel);
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await store.CreateAsync(Alice, Cancel);
        await store.CreateAsync(new NewSession("bob", "basic", ["ROLE_USER"]), Cancel);
        Time.Advance(TimeSpan.FromMinutes(10));

        var sessions = await store.ListByUserAsync("basic", "alice", Cancel);

        Assert.Equal([first.Session.Id, second.Session.Id], sessions.Select(s => s.Id));
        Assert.DoesNotContain(stale.Session.Id, sessions.Select(s => s.Id));
    }

    [Fact]
    public async Task ListByUser_NoSession_ReturnsEmpty()
    {
        var store = CreateStore();

        Assert.Empty(await store.ListByUserAsync("basic", "nobody", Cancel));
    }

    [Fact]
    public async Task ListByUser_UserNamesDifferingInCase_AreDistinct()
    {
        var store = CreateStore();
        await store.CreateAsync(Alice, Cancel);

        Assert.Empty(await store.ListByUserAsync("basic", "Alice", Cancel));
    }

    [Fact]
    public async Task Revoke_ActiveSession_EndsItAndRecordsRevocation()
    {
        var (store, revocations) = CreateStores();
        var issued = await store.CreateAsync(Alice, Cancel);

        var revoked = await store.RevokeAsync(issued.Session.Id, Cancel);

        Assert.True(revoked);
        Assert.Null(await store.GetAsync(issued.Session.Id, Cancel));
        Assert.Null(await store.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.Empty(await store.ListByUserAsync("basic", "alice", Cancel));
        Assert.True(await revocations.IsRevokedAsync(issued.Session.Id, Cancel));
    }

    [Fact]
    public async Task Revoke_UnknownSession_ReturnsFalse()
    {
        var store = CreateStore();

        Assert.False(await store.RevokeAsync("AAAAAAAAAAAAAAAAAAAAAA", Cancel));
    }

    [Fact]
    public async Task Revoke_Subscribed_ListenerHearsSessionId()
    {
        var (store, revocations) = CreateStores();
        var listener = new RecordingListener();
        await using var subscription = await revocations.SubscribeAsync(listener, Cancel);
        var issued = await store.CreateAsync(Alice, Cancel);

        await store.RevokeAsync(issued.Session.Id, Cancel);

        Assert.True(await listener.HeardAsync(issued.Session.Id));
    }

    [Fact]
    public async Task RevokeAll_SeveralSessions_EndsEveryOneOfThatUserOnly()
    {
        var (store, revocations) = CreateStores();
        var first = await store.CreateAsync(Alice, Cancel);
        var second = await store.CreateAsync(Alice, Cancel);
        var bob = await store.CreateAsync(new NewSession("bob", "ldap", ["ROLE_USER"]), Cancel);

        var count = await store.RevokeAllAsync("basic", "alice", cancellationToken: Cancel);

        Assert.Equal(2, count);
        Assert.Empty(await store.ListByUserAsync("basic", "alice", Cancel));
        Assert.True(await revocations.IsRevokedAsync(first.Session.Id, Cancel));
        Assert.True(await revocations.IsRevokedAsync(second.Session.Id, Cancel));
        Assert.NotNull(await store.AuthenticateAsync(bob.Ticket, Cancel));
        Assert.False(await revocations.IsRevokedAsync(bob.Session.Id, Cancel));
    }

    [Fact]
    public async Task RevokeAll_ExceptOne_KeepsThatOne()
    {
        var store = CreateStore();
        var kept = await store.CreateAsync(Alice, Cancel);
        var other = await store.CreateAsync(Alice, Cancel);

        var count = await store.RevokeAllAsync("basic", "alice", kept.Session.Id, Cancel);

        Assert.Equal(1, count);
        Assert.NotNull(await store.AuthenticateAsync(kept.Ticket, Cancel));
        Assert.Null(await store.AuthenticateAsync(other.Ticket, Cancel));
    }

    [Fact]
    public async Task Sessions_SameNameAtTwoProviders_AreTwoPrincipals()
    {
        var store = CreateStore();
        var basic = await store.CreateAsync(Alice, Cancel);
        var ldap = await store.CreateAsync(Alice with { Provider = "ldap" }, Cancel);

        await store.RevokeAllAsync("ldap", "alice", cancellationToken: Cancel);

        Assert.Equal([basic.Session.Id], (await store.ListByUserAsync("basic", "alice", Cancel)).Select(static s => s.Id));
        Assert.Null(await store.AuthenticateAsync(ldap.Ticket, Cancel));
        Assert.Equal(["alice"], await store.ListUserNamesAsync("basic", Cancel));
    }

    [Fact]
    public async Task Create_PastTheCap_RevokesTheOldest()
    {
        Timeouts.MaxSessionsPerUser = 3;
        var store = CreateStore();
        var issued = new List<IssuedSession>();
        for (var i = 0; i < 5; i++)
        {
            issued.Add(await store.CreateAsync(Alice, Cancel));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var left = await store.ListByUserAsync("basic", "alice", Cancel);

        Assert.Equal(issued.Skip(2).Select(static s => s.Session.Id), left.Select(static s => s.Id));
        Assert.Null(await store.AuthenticateAsync(issued[0].Ticket, Cancel));
    }

    [Fact]
    public async Task SetRoles_ActiveSession_ReplacesItsRolesOnly()
    {
        var store = CreateStore();
        var issued = await store.CreateAsync(Alice with { ProviderRoles = ["GROUP"] }, Cancel);

        Assert.True(await store.SetRolesAsync(issued.Session.Id, ["ROLE_USER"], Cancel));

        var session = await store.AuthenticateAsync(issued.Ticket, Cancel);
        Assert.Equal(["ROLE_USER"], session!.Roles);
        Assert.Equal(["GROUP"], session.ProviderRoles);
        await store.RevokeAsync(issued.Session.Id, Cancel);
        Assert.False(await store.SetRolesAsync(issued.Session.Id, ["ROLE_ADMIN"], Cancel));
        Assert.Null(await store.GetAsync(issued.Session.Id, Cancel));
    }

    [Fact]
    public async Task RevokeAll_NoSession_ReturnsZero()
    {
        var store = CreateStore();

        Assert.Equal(0, await store.RevokeAllAsync("basic", "nobody", cancellationToken: Cancel));
    }

    [Fact]
    public async Task SignOut_ValidTicket_EndsSessionAndTellsSubscribersBeforeReturning()
    {
        var (store, revocations) = CreateStores();
        var listener = new RecordingListener();
        await using var subscription = await revocations.SubscribeAsync(listener, Cancel);
        var issued = await store.CreateAsync(Alice, Cancel);

        var ended = await store.SignOutAsync(issued.Ticket, Cancel);

        Assert.Equal(issued.Session.Id, ended?.Id);
        Assert.Equal("alice", ended?.UserName);
        Assert.Contains(issued.Session.Id, listener.Revoked);
        Assert.Null(await store.GetAsync(issued.Session.Id, Cancel));
        Assert.Null(await store.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.Empty(await store.ListByUserAsync("basic", "alice", Cancel));
        Assert.True(await revocations.IsRevokedAsync(issued.Session.Id, Cancel));
    }

    [Fact]
    public async Task SignOut_WrongSecret_ChangesNothing()
    {
        var (store, revocations) = CreateStores();
        var issued = await store.CreateAsync(Alice, Cancel);
        var forged = issued.Ticket with { Secret = new string('A', 43) };

        var ended = await store.SignOutAsync(forged, Cancel);

        Assert.Null(ended);
        Assert.NotNull(await store.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.False(await revocations.IsRevokedAsync(issued.Session.Id, Cancel));
    }

    [Fact]
    public async Task SignOut_EndedSessions_ReturnNull()
    {
        var store = CreateStore();
        var revoked = await store.CreateAsync(Alice, Cancel);
        await store.RevokeAsync(revoked.Session.Id, Cancel);
        var idle = await store.CreateAsync(Alice, Cancel);
        Time.Advance(Timeouts.IdleTimeout);

        Assert.Null(await store.SignOutAsync(revoked.Ticket, Cancel));
        Assert.Null(await store.SignOutAsync(idle.Ticket, Cancel));
        Assert.Null(await store.SignOutAsync(new SessionTicket("AAAAAAAAAAAAAAAAAAAAAA", new string('B', 43)), Cancel));
    }
}
