using DotNet.Testcontainers.Networks;

namespace AtotiAuth.Testcontainers;

/// <summary>What an <see cref="AtotiAuthSystemBuilder"/> has been told so far.</summary>
internal sealed record AtotiAuthSystemSettings
{
    public INetwork? Network { get; init; }

    public string RedisAlias { get; init; } = "redis";

    public string TokenAlias { get; init; } = "token";

    public string IdentityAlias { get; init; } = "identity";

    public string RedisImage { get; init; } = AtotiAuthImages.Redis;

    public string TokenImage { get; init; } = AtotiAuthImages.Token;

    public string IdentityImage { get; init; } = AtotiAuthImages.Identity;

    public string PingImage { get; init; } = AtotiAuthImages.Ping;

    public int IdentityReplicas { get; init; } = 1;

    public string? Issuer { get; init; }

    public AtotiAuthRedisTls? RedisTls { get; init; }

    public IReadOnlyList<Func<AtotiAuthIdentityBuilder, AtotiAuthIdentityBuilder>> EveryIdentity { get; init; } = [];

    public IReadOnlyList<Func<AtotiAuthIdentityBuilder, AtotiAuthIdentityBuilder>> FirstIdentity { get; init; } = [];

    public IReadOnlyList<Func<AtotiAuthTokenBuilder, AtotiAuthTokenBuilder>> Token { get; init; } = [];

    public IReadOnlyList<AtotiAuthSidecarSpec> Sidecars { get; init; } = [];
}
