namespace AtotiAuth.Shared.Sessions;

/// <summary>What a request's session cookie proved (<see cref="SessionCookieReader.CheckAsync"/>).</summary>
/// <param name="Status">Absent, malformed, refused or valid.</param>
/// <param name="Session">The session when <see cref="SessionCookieStatus.Valid"/>.</param>
public readonly record struct SessionCookieCheck(SessionCookieStatus Status, Session? Session);
