using AtotiAuth.Shared.Hosting;

namespace AtotiAuth.Identity.Oidc;

/// <summary>A login flow failure we detected ourselves, carrying its refusal from <see cref="IdentityProblems"/>.</summary>
internal sealed class OidcFlowException : Exception
{
    public OidcFlowException()
        : this(IdentityProblems.ProviderError, "OpenID Connect login failed.")
    {
    }

    public OidcFlowException(string message)
        : this(IdentityProblems.ProviderError, message)
    {
    }

    public OidcFlowException(string message, Exception innerException)
        : this(IdentityProblems.ProviderError, message, innerException)
    {
    }

    public OidcFlowException(ProblemCode problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    public ProblemCode Problem { get; }
}
