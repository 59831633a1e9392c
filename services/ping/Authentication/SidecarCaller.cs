namespace AtotiAuth.Ping.Authentication;

/// <summary>Who is calling through the sidecar, from a JWT or from this cube's cookie.</summary>
/// <param name="SessionId">The session (<c>sid</c>), checked against revocations on every request.</param>
/// <param name="UserName">The user name (<c>sub</c>).</param>
/// <param name="Roles">The roles (<c>authorities</c>).</param>
/// <param name="ExpiresAt">When the credential stops being valid: the JWT's <c>exp</c>.</param>
internal sealed record SidecarCaller(string SessionId, string UserName, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt)
{
    /// <summary>True when the caller has at least one of <paramref name="required"/>.</summary>
    public bool HasAnyRole(IReadOnlyList<string> required)
    {
        // Indexed: a foreach over the interface allocates an enumerator per request.
        for (var i = 0; i < Roles.Count; i++)
        {
            for (var j = 0; j < required.Count; j++)
            {
                if (string.Equals(Roles[i], required[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
