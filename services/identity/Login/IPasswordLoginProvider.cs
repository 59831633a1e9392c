namespace AtotiAuth.Identity.Login;

/// <summary>
/// A provider that checks a user name and password after the basic users (LDAP), in the form, the
/// Basic challenge and <c>Authorization: Basic</c> alike. It is asked only once the attempt is counted.
/// </summary>
internal interface IPasswordLoginProvider
{
    /// <summary>False while the provider is not configured: it is then skipped.</summary>
    bool IsEnabled { get; }

    /// <summary>Success, Invalid (one case for every refusal) or Unavailable (the provider's backend did not answer).</summary>
    Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientNetwork, CancellationToken cancellationToken);
}
