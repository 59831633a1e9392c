using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Users;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity;

/// <summary>Cross-field rules of <see cref="IdentityOptions"/>; each failure names the key and the fix.</summary>
internal sealed class IdentityOptionsValidator(IOptions<PasswordPolicyOptions> passwords) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedRedirectOrigins.Count; i++)
        {
            if (!RedirectUrlValidator.IsOrigin(options.AllowedRedirectOrigins[i]))
            {
                failures.Add(
                    $"{Key($"AllowedRedirectOrigins:{i}")} must be an exact origin such as 'https://ui.example.com' " +
                    "(scheme http or https, host, optional port; no path, no trailing slash, no wildcard, no user info).");
            }
        }

        var redirects = new RedirectUrlValidator(options);
        if (!redirects.Check(options.DefaultLandingPath).IsAccepted)
        {
            failures.Add($"{Key(nameof(IdentityOptions.DefaultLandingPath))} must be a local path such as '/ui/' or a URL on an allowed origin.");
        }

        if (!string.IsNullOrEmpty(options.LogoutRedirectUrl) && !redirects.Check(options.LogoutRedirectUrl).IsAccepted)
        {
            failures.Add($"{Key(nameof(IdentityOptions.LogoutRedirectUrl))} must be a local path or a URL on an allowed origin.");
        }

        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.Name) || string.IsNullOrEmpty(user.Password))
            {
                failures.Add($"{Key($"Users:{i}")} needs a Name and a Password.");
            }
            else if (BasicUserRules.CheckUserName(user.Name) is { } nameError)
            {
                failures.Add($"{Key($"Users:{i}:Name")} {nameError}");
            }
            else if (new PasswordPolicy(passwords).Check(user.Password, user.Name) is { } weak)
            {
                // Seeded users are for demos and tests, but their passwords follow the same policy (issue 22).
                failures.Add($"{Key($"Users:{i}:Password")} {weak} See {PasswordPolicyOptions.SectionName}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string member)
    {
        var key = $"{IdentityOptions.SectionName}:{member}";
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }
}
