namespace AtotiAuth.Identity.Login;

/// <summary>
/// A provider that checks a user name and password after the basic users (LDAP), in the form, the
/// Basic challenge and <c>Authorization: Basic</c> alike.
/// </summary>
internal interface IPasswordLoginProvider
{
    /// <summary>False while the provider is not configured: it is then skipped.</summary>
    bool IsEnabled { get; }

    /// <summary>
    /// Starts, while the basic check makes its round trip, what the provider can do before it knows the
    /// basic check's answer and without using the password (LDAP: the user's search); null when there is
    /// nothing to start. What it starts must never delay nor fail a login that does not use it.
    /// </summary>
    IPreparedLogin? Prepare(string userName, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Success, Invalid (one case for every refusal) or Unavailable (the provider's backend did not
    /// answer). <paramref name="prepared"/> is what <see cref="Prepare"/> returned for this login.
    /// </summary>
    Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientAddress, IPreparedLogin? prepared, CancellationToken cancellationToken);
}

/// <summary>Work a provider started for one login before it was asked to authenticate it.</summary>
internal interface IPreparedLogin;
