using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Signing;

/// <summary>An immutable view of the keys, swapped whole at each reload so readers never lock.</summary>
/// <param name="Signer">The active key.</param>
/// <param name="Credentials">Credentials to sign with.</param>
/// <param name="ValidationKeys">Every key a token of ours may be signed with (published keys, and the HMAC key where used).</param>
/// <param name="Jwks">The JWKS document, serialised once.</param>
/// <param name="ETag">Strong entity tag of <paramref name="Jwks"/>.</param>
internal sealed record SigningKeySnapshot(
    LoadedKey Signer,
    SigningCredentials Credentials,
    IReadOnlyList<SecurityKey> ValidationKeys,
    ReadOnlyMemory<byte> Jwks,
    string ETag);
