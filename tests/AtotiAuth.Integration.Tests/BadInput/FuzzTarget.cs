using System.Net.Http.Headers;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// One running service to send bad input to: where it listens, its routes (read from its own endpoint
/// data source, so a new route is fuzzed without a change here), paths served by middleware rather than
/// endpoints, the cookie names it reads, and the credentials that let a request past its authorization,
/// so that the malformed part reaches the handler behind it.
/// </summary>
public sealed record FuzzTarget(
    string Service,
    Uri Address,
    IReadOnlyList<FuzzRoute> Routes,
    IReadOnlyList<string> CookieNames,
    IReadOnlyList<AuthenticationHeaderValue?> Credentials)
{
    public override string ToString() => Service;
}

/// <summary>A route: its method, its path template with <c>{name}</c> or <c>{**name}</c> placeholders, and whether it requires authorization.</summary>
public sealed record FuzzRoute(string Method, string Template, bool Authorized = false)
{
    public override string ToString() => $"{Method} {Template}";
}
