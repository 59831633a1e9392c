namespace AtotiAuth.Token.Issuance;

/// <summary>Authentication schemes and policies of the token service.</summary>
internal static class TokenSchemes
{
    /// <summary><c>/jwt</c>: a caller with one of <see cref="TokenOptions.RequiredRoles"/>.</summary>
    public const string TokenPolicy = "token";

    /// <summary>The identity service's session cookie.</summary>
    public const string Session = "Session";

    /// <summary>The caller's scheme: the token it holds, else Basic credentials, else the session cookie.</summary>
    public const string Caller = "Caller";
}
