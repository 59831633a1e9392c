namespace AtotiAuth.Ping.Cookies;

/// <summary>
/// What this cube's cookie carries, sealed by Data Protection: the session, the user, the expiry and
/// the cube. Roles are not carried (a user may have hundreds; cookies stop at 4 KB): they come from the
/// session by <see cref="SessionId"/>, so the cookie stays a few hundred bytes whatever the roles.
/// </summary>
/// <param name="CubeId">The cube the cookie was written for.</param>
/// <param name="SessionId">The session (<c>sid</c>), checked against revocations on every use.</param>
/// <param name="UserName">The user (<c>sub</c>).</param>
/// <param name="ExpiresAt">The JWT's <c>exp</c>: the cookie never outlives the token it was issued for.</param>
internal sealed record CubeCookiePayload(string CubeId, string SessionId, string UserName, DateTimeOffset ExpiresAt);
