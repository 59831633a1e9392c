using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Cookies;

/// <summary>
/// Seals and opens this cube's cookie. The Data Protection purpose includes the cube id, and the id is
/// also inside the payload: a cookie written by another cube (same key ring, other purpose) fails to
/// open, and one that somehow opened would still name the wrong cube.
/// </summary>
internal sealed class CubeCookieProtector
{
    /// <summary>Purpose root; the cube id is appended as a sub-purpose.</summary>
    internal const string Purpose = "AtotiAuth.Ping.CubeCookie.v1";

    private const byte FormatVersion = 1;

    /// <summary>Longest cookie value accepted; ours are a few hundred characters.</summary>
    private const int MaxLength = 2048;

    private readonly IDataProtector _protector;
    private readonly string _cubeId;

    public CubeCookieProtector(IDataProtectionProvider provider, IOptions<PingOptions> options)
        : this(provider, options.Value.CubeId!)
    {
    }

    internal CubeCookieProtector(IDataProtectionProvider provider, string cubeId)
    {
        _cubeId = cubeId;
        _protector = provider.CreateProtector(Purpose, cubeId);
    }

    public string Protect(CubeCookiePayload payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(payload.CubeId);
            writer.Write(payload.SessionId);
            writer.Write(payload.UserName);
            writer.Write(payload.ExpiresAt.ToUnixTimeSeconds());
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>The payload, or null for anything this cube did not write (forged, damaged, another cube's).</summary>
    public CubeCookiePayload? Unprotect(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return null;
        }

        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(value));
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }

            var payload = new CubeCookiePayload(
                reader.ReadString(),
                reader.ReadString(),
                reader.ReadString(),
                DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64()));
            return string.Equals(payload.CubeId, _cubeId, StringComparison.Ordinal) ? payload : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
