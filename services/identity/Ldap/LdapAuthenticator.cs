using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// LDAP logins (DESIGN.md §3), asked once the throttle has counted the attempt: search the user with the
/// search filter (refusing ambiguous entries), bind as its DN while checking the account is not disabled,
/// read its groups, then resolve the roles of provider <c>ldap</c> for the entry's own name
/// (<see cref="LdapOptions.UserNameAttribute"/>), never for what was typed. Every refusal is the same
/// <see cref="LoginOutcomeKind.Invalid"/> as a basic one; a directory that does not answer is
/// <see cref="LoginOutcomeKind.Unavailable"/>, never a wrong password.
/// </summary>
internal sealed partial class LdapAuthenticator(
    LdapDirectory directory,
    RoleResolver roles,
    IOptions<LdapOptions> options,
    ILogger<LdapAuthenticator> logger) : IPasswordLoginProvider
{
    public bool IsEnabled => options.Value.IsActive;

    public async Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientNetwork, CancellationToken cancellationToken)
    {
        if (CheckInput(password) is { } malformed)
        {
            LogRefused(logger, userName, malformed, clientNetwork);
            return LoginOutcome.Invalid(userName);
        }

        try
        {
            var user = await directory.FindUserAsync(userName, cancellationToken);
            if (user.Kind != LdapUserLookupKind.Found)
            {
                LogEntryRefused(logger, userName, user.Kind, clientNetwork);
                return LoginOutcome.Invalid(userName);
            }

            // The account check runs beside the bind (issue 6's target: one directory round trip less);
            // its answer is read only once the password is accepted.
            var disabled = directory.IsDisabledAsync(user.Dn!, cancellationToken);
            var bound = directory.BindAsync(user.Dn!, password, cancellationToken);
            await Task.WhenAll(disabled, bound);
            if (!await bound)
            {
                LogRefused(logger, userName, "WrongPassword", clientNetwork);
                return LoginOutcome.Invalid(userName);
            }

            if (await disabled)
            {
                LogRefused(logger, userName, "Disabled", clientNetwork);
                return LoginOutcome.Invalid(userName);
            }

            var groups = await directory.GroupsAsync(user.Dn!, cancellationToken);
            var principal = options.Value.UsernameCaseConversion.Apply(user.UserName!);
            if (UserNames.Check(principal) is { } problem)
            {
                // The directory's own name must pass the rules every provider's names pass.
                LogRefused(logger, userName, "EntryName " + problem, clientNetwork);
                return LoginOutcome.Invalid(userName);
            }

            var granted = await roles.ResolveAsync(new RoleResolutionRequest(ProviderIds.Ldap, principal, [.. groups], RoleKeyComparison.UpperCase), cancellationToken);
            LogAccepted(logger, principal, user.Dn, groups.Count, clientNetwork);
            return new LoginOutcome(LoginOutcomeKind.Success, principal, granted, ProviderIds.Ldap, groups);
        }
        catch (LdapUnavailableException)
        {
            return LoginOutcome.Unavailable(userName);
        }
    }

    /// <summary>
    /// Refused before any network call. An empty password would be an unauthenticated bind, which
    /// servers answer with success (RFC 4513 §5.1.2); a NUL would cut the password short in libldap's C strings.
    /// </summary>
    internal static string? CheckInput(string password)
        => string.IsNullOrEmpty(password) ? "EmptyPassword"
            : password.Contains('\0', StringComparison.Ordinal) ? "MalformedPassword"
            : null;

    [LoggerMessage(EventId = 4510, Level = LogLevel.Information, Message = "LDAP login refused (invalid_credentials, {Reason}) for user {UserName} from {ClientNetwork}")]
    private static partial void LogRefused(ILogger logger, LogText userName, string reason, string clientNetwork);

    [LoggerMessage(EventId = 4512, Level = LogLevel.Information, Message = "LDAP login refused (invalid_credentials, {Reason}) for user {UserName} from {ClientNetwork}")]
    private static partial void LogEntryRefused(ILogger logger, LogText userName, LdapUserLookupKind reason, string clientNetwork);

    [LoggerMessage(EventId = 4511, Level = LogLevel.Information, Message = "LDAP user {UserName} ({Dn}, {GroupCount} groups) authenticated from {ClientNetwork}")]
    private static partial void LogAccepted(ILogger logger, LogText userName, LogText dn, int groupCount, string clientNetwork);
}
