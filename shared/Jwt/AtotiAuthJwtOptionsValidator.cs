using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Jwt;

internal sealed class AtotiAuthJwtOptionsValidator : IValidateOptions<AtotiAuthJwtOptions>
{
    private const string Section = AtotiAuthJwtOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AtotiAuthJwtOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:Authority (environment variable AtotiAuth__Jwt__Authority) is required: " +
                "the token service's URL, equal to its AtotiAuth:Token:Issuer, e.g. https://auth.example.com.");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && !options.AllowHttpAuthority)
        {
            failures.Add($"{Section}:Authority is plain HTTP ({authority.GetLeftPart(UriPartial.Authority)}): keys fetched in " +
                $"clear can be replaced on the way. Use https, or set {Section}:AllowHttpAuthority=true in development only.");
        }

        foreach (var algorithm in options.ValidAlgorithms)
        {
            if (!AtotiAuthJwtOptions.AsymmetricAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            {
                failures.Add($"{Section}:ValidAlgorithms contains '{algorithm}'; allowed: " +
                    $"{string.Join(", ", AtotiAuthJwtOptions.AsymmetricAlgorithms)} (HMAC and 'none' cannot be verified from a public JWKS).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
