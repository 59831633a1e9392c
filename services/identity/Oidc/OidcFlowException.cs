namespace AtotiAuth.Identity.Oidc;

/// <summary>A login flow failure we detected ourselves, carrying its stable code (IdentityProblemCodes).</summary>
internal sealed class OidcFlowException : Exception
{
    public OidcFlowException()
        : this(IdentityProblemCodes.ProviderError, "OpenID Connect login failed.")
    {
    }

    public OidcFlowException(string message)
        : this(IdentityProblemCodes.ProviderError, message)
    {
    }

    public OidcFlowException(string message, Exception innerException)
        : base(message, innerException) => Code = IdentityProblemCodes.ProviderError;

    public OidcFlowException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    public string Code { get; }
}
