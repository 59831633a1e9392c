using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Signing;

/// <summary>A private key read from the key directory.</summary>
/// <param name="KeyId">Its <c>kid</c>.</param>
/// <param name="FileName">The file it came from (for messages).</param>
/// <param name="Key">The signing key, with <see cref="SecurityKey.KeyId"/> set.</param>
/// <param name="Thumbprint">SHA-256 of its public part (of the secret for HMAC), to notice a file whose key changed under the same name.</param>
internal sealed record LoadedKey(string KeyId, string FileName, SecurityKey Key, string Thumbprint)
{
    public bool IsSymmetric => Key is SymmetricSecurityKey;
}
