using System.Buffers.Text;
using System.Text.Json;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>Reads a JWT's claims for assertions; the services verify signatures, the tests only look.</summary>
internal static class JwtPayload
{
    public static JsonElement Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
    }

    public static string[] Authorities(JsonElement payload)
        => [.. payload.GetProperty("authorities").EnumerateArray().Select(static role => role.GetString()!)];
}
