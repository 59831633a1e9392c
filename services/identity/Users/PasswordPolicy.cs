using System.Globalization;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Users;

/// <summary>
/// Checks a new basic password against <see cref="PasswordPolicyOptions"/>. The list of common passwords
/// is the embedded <c>common-passwords.txt</c>: the 100,000 most frequent passwords of Mark Burnett's
/// 10 million password list (2015) as the OWASP SecLists project publishes it
/// (<c>10-million-password-list-top-1000000.txt</c>), keeping the 38,452 of 8 or more printable ASCII
/// characters, distinct but for case.
/// </summary>
internal sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options)
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>Null when <paramref name="password"/> may be set for <paramref name="userName"/>; otherwise why not, for the admin API's problem.</summary>
    public string? Check(string password, string userName)
    {
        ArgumentNullException.ThrowIfNull(password);
        var settings = options.Value;
        if (password.EnumerateRunes().Count() < settings.MinLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be at least {settings.MinLength} characters.");
        }

        if (settings.RefuseCommon && (Common.Value.Contains(password) || string.Equals(password, userName, StringComparison.OrdinalIgnoreCase)))
        {
            return "is too common (it is on a list of passwords attackers try first, or it is the user name).";
        }

        return null;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("AtotiAuth.Identity.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
