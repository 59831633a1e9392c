using AtotiAuth.Identity.Throttling;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// Basic users first, then the other password providers (LDAP). Basic first on purpose: Atoti once
/// locked basic (technical) users out while its LDAP server was unreachable (ATOTI-CONTRACT.md
/// "Users and roles"); here a basic login never waits for, nor depends on, the directory.
/// The basic check also applies the throttle to every name, so a locked name is not tried further.
/// Only work that needs no password check (<see cref="IPasswordLoginProvider.Prepare"/>) starts before it.
/// </summary>
internal sealed class CredentialChecker(
    BasicAuthenticator basic,
    IEnumerable<IPasswordLoginProvider> providers,
    LoginThrottle throttle)
{
    public async Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientAddress, CancellationToken cancellationToken)
    {
        // With another provider behind, its own lookup gives an unknown basic name its time (a dummy hash
        // would add a PBKDF2 run to every directory login), and a failure is counted once, after every
        // provider refused: counting the basic refusal of a directory user locked out concurrent logins.
        var others = providers.Where(static p => p.IsEnabled).ToList();

        // The other providers start what does not wait for the basic answer (the directory's user search)
        // now, so it overlaps the basic check's store round trip instead of following it.
        var prepared = new IPreparedLogin?[others.Count];
        for (var i = 0; i < others.Count; i++)
        {
            prepared[i] = others[i].Prepare(userName, password, cancellationToken);
        }

        var outcome = await basic.AuthenticateAsync(userName, password, clientAddress, isLast: others.Count == 0, cancellationToken);
        if (outcome.Kind != LoginOutcomeKind.Invalid)
        {
            return outcome;
        }

        LoginOutcome? unavailable = null;
        for (var i = 0; i < others.Count; i++)
        {
            var next = await others[i].AuthenticateAsync(userName, password, clientAddress, prepared[i], cancellationToken);
            if (next.Kind == LoginOutcomeKind.Success)
            {
                await throttle.RecordSuccessAsync(userName, outcome.Throttle, cancellationToken);
                return next;
            }

            unavailable ??= next.Kind == LoginOutcomeKind.Unavailable ? next : null;
        }

        // A provider that could not answer is reported as such, never as a wrong password, and not counted.
        if (unavailable is not null)
        {
            return unavailable;
        }

        if (others.Count > 0)
        {
            await throttle.RecordFailureAsync(userName, clientAddress, cancellationToken);
        }

        return outcome;
    }
}
