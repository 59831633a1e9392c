using Microsoft.Extensions.Options;

namespace AtotiAuth.Token;

internal sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        if (Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer)
            && (!string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment) || !string.IsNullOrEmpty(issuer.UserInfo)))
        {
            return ValidateOptionsResult.Fail($"{TokenOptions.SectionName}:Issuer (environment variable AtotiAuth__Token__Issuer) " +
                "must be a plain URL without query, fragment or user info (OpenID Connect Discovery 1.0 §3), e.g. https://auth.example.com.");
        }

        if (string.Equals(options.PrincipalClaim, options.AuthoritiesClaim, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"{TokenOptions.SectionName}:PrincipalClaim and AuthoritiesClaim must differ.");
        }

        return ValidateOptionsResult.Success;
    }
}
