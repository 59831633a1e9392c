namespace AtotiAuth.Shared.Sessions;

/// <summary>A session just created, with the ticket to put in the cookie (the only time the secret is known).</summary>
/// <param name="Session">The stored session.</param>
/// <param name="Ticket">The cookie's content.</param>
public sealed record IssuedSession(Session Session, SessionTicket Ticket);
