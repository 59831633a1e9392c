using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>The authority's signing keys as fetched at <paramref name="FetchedAt"/>: replaced whole, never changed.</summary>
internal sealed record JwksSnapshot(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);
