using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Cors;

internal sealed class UiCorsOptionsValidator : IValidateOptions<UiCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, UiCorsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!IsOrigin(origin))
            {
                failures.Add(
                    $"{UiCorsOptions.SectionName}:AllowedOrigins:{i} (environment variable AtotiAuth__Cors__AllowedOrigins__{i}) " +
                    $"must be an exact origin such as 'https://ui.example.com' or 'http://localhost:3000' " +
                    "(scheme, host and optional port; no path, no trailing slash, no wildcard).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An origin as browsers serialise it (RFC 6454 §6.1), so ordinal equality is the right test.</summary>
    internal static bool IsOrigin(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('*', StringComparison.Ordinal) || value.EndsWith('/'))
        {
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        return string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.Ordinal)
            && string.IsNullOrEmpty(uri.UserInfo);
    }
}
