namespace AtotiAuth.Benchmarks.Images;

/// <summary>One image as the benchmark starts it: the least it needs to be ready (Redis, keys, cube URL).</summary>
/// <param name="Name">The row's name.</param>
/// <param name="Image">The image.</param>
/// <param name="Arguments">Extra <c>docker create</c> arguments (environment, mounts).</param>
internal sealed record ImageCase(string Name, string Image, IReadOnlyList<string> Arguments)
{
    public static IReadOnlyList<ImageCase> All(string network, string keyDirectory)
    {
        string[] redis = ["--network", network, "-e", "AtotiAuth__Store__Redis=redis:6379"];
        return
        [
            new("identity", "atotiauth/identity:dev", redis),
            new("token", "atotiauth/token:dev",
                [.. redis, "-e", "AtotiAuth__Token__Issuer=http://token:8080", "-v", $"{keyDirectory}:/keys:ro"]),
            new("ping", "atotiauth/ping:dev",
                [.. redis, "-e", "AtotiAuth__Ping__CubeUrl=http://cube:8080", "-e", "AtotiAuth__Ping__CubeId=cube",
                 "-e", "AtotiAuth__Jwt__Authority=http://token:8080", "-e", "AtotiAuth__Jwt__AllowHttpAuthority=true"]),
            new("standalone (key generated at start)", "atotiauth/standalone:dev", []),
            new("standalone (mounted key)", "atotiauth/standalone:dev",
                ["-e", "AtotiAuth__Token__Signing__KeyDirectory=/keys", "-v", $"{keyDirectory}:/keys:ro"]),
            new("sample cube", "atotiauth/sample-cube:dev", []),
        ];
    }
}
