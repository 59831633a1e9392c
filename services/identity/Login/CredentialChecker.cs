using AtotiAuth.Identity.Throttling;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// Basic users first, then the other password providers (LDAP). Basic first on purpose: Atoti once
/// locked basic (technical) users out while its LDAP server was unreachable (ATOTI-CONTRACT.md
/// "Users and roles"); here a basic login never waits for, nor depends on, the directory.
/// The basic check also applies the throttle to every name, so a locked name is not tried further.
/// </summary>
internal sealed class CredentialChecker(
    BasicAuthenticator basic,
    IEnumerable<IPasswordLoginProvider> providers,
    LoginThrottle throttle)
{
    public async Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientAddress, CancellationToken cancellationToken)
    {
        var outcome = await basic.AuthenticateAsync(userName, password, clientAddress, cancellationToken);
        if (outcome.Kind != LoginOutcomeKind.Invalid)
        {
            return outcome;
        }

        LoginOutcome? unavailable = null;
        foreach (var provider in providers)
        {
            if (!provider.IsEnabled)
            {
                continue;
            }

            var next = await provider.AuthenticateAsync(userName, password, clientAddress, cancellationToken);
            if (next.Kind == LoginOutcomeKind.Success)
            {
                // The basic check counted a failure for this name; the provider vouched for it after all.
                await throttle.RecordSuccessAsync(userName, cancellationToken);
                return next;
            }

            unavailable ??= next.Kind == LoginOutcomeKind.Unavailable ? next : null;
        }

        // A provider that could not answer is reported as such, never as a wrong password.
        return unavailable ?? outcome;
    }
}
