using AtotiAuth.Shared.Jwt;

namespace AtotiAuth.Token.Issuance;

/// <summary>The token a caller authenticated with, answered back to it as is (ATOTI-CONTRACT.md: no lifetime extension by exchange).</summary>
/// <param name="Token">The token, as presented.</param>
/// <param name="Caller">What it says.</param>
internal sealed record PresentedToken(string Token, AtotiAuthCaller Caller);
