namespace AtotiAuth.Identity.Roles;

/// <summary>Applies a <see cref="UserNameCaseConversion"/>.</summary>
public static class UserNameCaseConversionExtensions
{
    /// <summary>The user name converted as <paramref name="conversion"/> says.</summary>
    public static string Apply(this UserNameCaseConversion conversion, string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return conversion switch
        {
            UserNameCaseConversion.None => userName,
            UserNameCaseConversion.Upper => userName.ToUpperInvariant(),
            UserNameCaseConversion.Lower => userName.ToLowerInvariant(),
            _ => throw new ArgumentOutOfRangeException(nameof(conversion), conversion, "Unknown case conversion."),
        };
    }
}
