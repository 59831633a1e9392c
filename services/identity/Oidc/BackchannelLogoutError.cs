using System.Text.Json.Serialization;

namespace AtotiAuth.Identity.Oidc;

/// <summary>The 400 body of a refused logout token (Back-Channel Logout 1.0 §2.8: OAuth error JSON).</summary>
internal sealed record BackchannelLogoutError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Code);
