namespace AtotiAuth.Token.Issuance;

/// <summary>Atoti 6's <c>/jwt</c> body: <c>{"token":"…"}</c>.</summary>
internal sealed record TokenResponse(string Token);

/// <summary>Atoti 5's body, behind <see cref="TokenOptions.LegacyResponseBody"/>: <c>{"status":"success","data":{"token":"…"}}</c>.</summary>
internal sealed record LegacyTokenResponse(string Status, TokenResponse Data);
