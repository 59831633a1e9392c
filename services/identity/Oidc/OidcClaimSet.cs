using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// The validated ID token's claims as JSON (nested claims such as <c>realm_access</c> stay objects,
/// which the handler's flat claim list would turn into strings), plus userinfo when fetched: userinfo
/// wins for single values (Atoti's <c>opaque</c> format reads it), role claims come from both.
/// </summary>
internal sealed class OidcClaimSet
{
    private readonly JsonElement _idToken;
    private readonly JsonElement? _userInfo;

    private OidcClaimSet(JsonElement idToken, JsonElement? userInfo, string? rawIdToken)
    {
        _idToken = idToken;
        _userInfo = userInfo;
        RawIdToken = rawIdToken;
    }

    /// <summary>The validated ID token as received, kept for RP-initiated logout's <c>id_token_hint</c>; never logged.</summary>
    public string? RawIdToken { get; }

    public static OidcClaimSet FromIdToken(JsonWebToken idToken)
    {
        ArgumentNullException.ThrowIfNull(idToken);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(idToken.EncodedPayload));
        return new OidcClaimSet(payload.RootElement.Clone(), null, idToken.EncodedToken);
    }

    internal static OidcClaimSet FromJson(string idTokenPayload, string? userInfo = null)
    {
        using var id = JsonDocument.Parse(idTokenPayload);
        using var info = userInfo is null ? null : JsonDocument.Parse(userInfo);
        return new OidcClaimSet(id.RootElement.Clone(), info?.RootElement.Clone(), null);
    }

    public OidcClaimSet WithUserInfo(JsonElement userInfo) => new(_idToken, userInfo.Clone(), RawIdToken);

    /// <summary>The ID token's subject (always from the ID token, the one we validated).</summary>
    public string? Subject => ClaimPath.ReadString(_idToken, "sub");

    /// <summary>The provider's session id (<c>sid</c>, OpenID Connect Front/Back-Channel Logout), when it sends one.</summary>
    public string? SessionId => ClaimPath.ReadString(_idToken, "sid");

    private IReadOnlyList<string> ReadValueOf(string path)
        => _userInfo is { } info && ClaimPath.ReadValues(info, path) is { Count: > 0 } fromUserInfo ? fromUserInfo : ClaimPath.ReadValues(_idToken, path);

    public string? ReadString(string path)
        => (_userInfo is { } info ? ClaimPath.ReadString(info, path) : null) ?? ClaimPath.ReadString(_idToken, path);

    /// <summary>True when the claim is the JSON <c>true</c> or the string <c>"true"</c> (some providers send booleans as strings).</summary>
    public bool IsTrue(string path)
        => ReadValueOf(path) is ["true" or "True"];

    public IReadOnlyList<string> ReadRoles(IEnumerable<string> paths)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            roles.UnionWith(ClaimPath.ReadValues(_idToken, path));
            if (_userInfo is { } info)
            {
                roles.UnionWith(ClaimPath.ReadValues(info, path));
            }
        }

        roles.RemoveWhere(string.IsNullOrWhiteSpace);
        return [.. roles];
    }
}
