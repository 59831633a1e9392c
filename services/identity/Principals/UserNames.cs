using System.Text;

namespace AtotiAuth.Identity.Principals;

/// <summary>
/// What any provider's user name may be, checked before any lookup, lock or session (issue 22): a
/// name that Unicode NFKC normalisation would change (<c>ａｌｉｃｅ</c>, <c>𝐚𝐥𝐢𝐜𝐞</c>) or that mixes
/// scripts (<see cref="ScriptMix"/>) is refused, since a directory or a person may take it for another
/// name. The messages go to the admin API's problems and the logs.
/// </summary>
internal static class UserNames
{
    public const int MaxLength = 256;

    /// <summary>
    /// False in .NET's globalization-invariant mode, where <see cref="string.IsNormalized(NormalizationForm)"/>
    /// answers true for everything: then only ASCII names pass, so no look-alike slips through unchecked.
    /// </summary>
    private static readonly bool CanNormalize = !"\uFF41".IsNormalized(NormalizationForm.FormKC);

    /// <summary>Null when <paramref name="userName"/> may name a principal; otherwise why not.</summary>
    public static string? Check(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return "is required.";
        }

        if (userName.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }

        if (userName.Any(char.IsControl) || userName.Trim().Length != userName.Length)
        {
            return "must not contain control characters, or leading or trailing spaces.";
        }

        if (!CanNormalize && !userName.All(char.IsAscii))
        {
            return "must be ASCII: this process runs without Unicode data (globalization-invariant mode) to check other names.";
        }

        if (!userName.IsNormalized(NormalizationForm.FormKC))
        {
            return "must not change under Unicode NFKC normalisation (full-width or styled letters look like another name).";
        }

        return ScriptMix.IsMixed(userName) ? "must not mix scripts (such as Latin with Cyrillic or Greek letters)." : null;
    }

    /// <summary>
    /// The form a name's login throttle is kept under: NFKC, then upper case, so <c>Alice</c>,
    /// <c>ALICE</c> and a full-width <c>ａｌｉｃｅ</c> share one budget whatever provider would answer.
    /// </summary>
    public static string Fold(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
    }
}
