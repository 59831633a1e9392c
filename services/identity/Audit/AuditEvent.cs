namespace AtotiAuth.Identity.Audit;

/// <summary>
/// One audited event (issue 16): who (<paramref name="Actor"/>, with its session when it has one, or
/// <c>provisioning</c>), did what (<paramref name="Action"/>, e.g. <c>user.create</c>), to what
/// (<paramref name="Target"/>), with which <paramref name="Outcome"/> (<c>success</c> or a refusal's
/// code), from where and when. Never a password, a hash, a token or a cookie.
/// </summary>
/// <param name="Id">The stream entry's id (time-ordered), empty until stored.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Actor">The user who acted, <c>provisioning</c> for the CSV file, <c>-</c> when unknown.</param>
/// <param name="ActorSession">The actor's session id, <c>-</c> without one (HTTP Basic, provisioning).</param>
/// <param name="Action">What was done (<see cref="AuditActions"/>).</param>
/// <param name="Target">What it was done to: a user name, a session id, a provider and key.</param>
/// <param name="Outcome"><c>success</c>, or the refusal's stable code.</param>
/// <param name="ClientAddress">The client's address as the service sees it, <c>-</c> for provisioning.</param>
/// <param name="Detail">What changed, when it is no secret: the new status, the roles set.</param>
public sealed record AuditEvent(
    string Id,
    DateTimeOffset Time,
    string Actor,
    string ActorSession,
    string Action,
    string Target,
    string Outcome,
    string ClientAddress,
    string Detail);
