using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Roles;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// LDAP logins (DESIGN.md §3): find the user with the search filter, refuse ambiguous entries, bind as
/// the user's DN, refuse disabled entries, read its groups, resolve roles for provider <c>ldap</c>. Every
/// refusal is the same <see cref="LoginOutcomeKind.Invalid"/> as a basic one; a directory that does not
/// answer is <see cref="LoginOutcomeKind.Unavailable"/>, never a wrong password.
/// </summary>
internal sealed partial class LdapAuthenticator(
    LdapDirectory directory,
    RoleResolver roles,
    IOptions<LdapOptions> options,
    ILogger<LdapAuthenticator> logger) : IPasswordLoginProvider
{
    public const string Provider = "ldap";

    public bool IsEnabled => options.Value.IsActive;

    /// <summary>
    /// The user's search, started on an idle pooled connection while the basic check runs; never on a
    /// new connection, so a directory that is down costs a basic login nothing. A basic or locked login
    /// leaves it to finish on its own, and the connection returns to the pool.
    /// </summary>
    public IPreparedLogin? Prepare(string userName, string password, CancellationToken cancellationToken)
        => CheckInput(userName, password) is null && directory.TryStartFindUser(userName, cancellationToken) is { } search
            ? new PreparedSearch(search)
            : null;

    public async Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientAddress, IPreparedLogin? prepared, CancellationToken cancellationToken)
    {
        if (CheckInput(userName, password) is { } malformed)
        {
            LogRefused(logger, userName, malformed, clientAddress);
            return LoginOutcome.Invalid(userName);
        }

        // The store's role data for this principal is read while the directory works: one round trip
        // fewer in the login's critical path. A login refused below never uses it.
        var principal = options.Value.UsernameCaseConversion.Apply(userName);
        var pending = roles.Read(Provider, principal, cancellationToken);
        var rolesUsed = false;
        try
        {
            // A look-ahead whose connection failed yields null: the search is then made the usual way.
            var user = (prepared is PreparedSearch early ? await early.Search : null)
                ?? await directory.FindUserAsync(userName, cancellationToken);
            if (user.Kind != LdapUserLookupKind.Found)
            {
                LogEntryRefused(logger, userName, user.Kind, clientAddress);
                return LoginOutcome.Invalid(userName);
            }

            // The account check runs on an idle pooled connection while the bind opens its own: no round
            // trip of its own in the critical path. Without an idle connection (or when it failed), it is
            // made with the groups read, in one pooled operation: never a connection opened for it.
            var earlyCheck = directory.TryStartCheckAccount(user.Dn!, cancellationToken);
            if (!await directory.BindAsync(user.Dn!, password, cancellationToken))
            {
                LogRefused(logger, userName, "WrongPassword", clientAddress);
                return LoginOutcome.Invalid(userName);
            }

            var account = earlyCheck is null ? null : await earlyCheck;
            var groups = account?.IsDisabled == true
                ? LdapGroups.OfDisabledAccount
                : await directory.GroupsAsync(user.Dn!, checkAccount: account is null, cancellationToken);
            if (groups.AccountDisabled)
            {
                LogRefused(logger, userName, "Disabled", clientAddress);
                return LoginOutcome.Invalid(userName);
            }

            rolesUsed = true;
            var granted = await pending.ResolveAsync([.. groups.Names], RoleKeyComparison.UpperCase);
            LogAccepted(logger, principal, user.Dn, groups.Names.Count, clientAddress);
            return new LoginOutcome(LoginOutcomeKind.Success, principal, granted, Provider);
        }
        catch (LdapUnavailableException)
        {
            return LoginOutcome.Unavailable(userName);
        }
        finally
        {
            if (!rolesUsed)
            {
                pending.Abandon();
            }
        }
    }

    /// <summary>
    /// Refused before any network call. An empty password would be an unauthenticated bind, which
    /// servers answer with success (RFC 4513 §5.1.2); a NUL would cut the password short in libldap's C strings.
    /// </summary>
    internal static string? CheckInput(string userName, string password)
    {
        if (BasicUserRules.CheckUserName(userName) is not null)
        {
            return "MalformedUserName";
        }

        if (string.IsNullOrEmpty(password))
        {
            return "EmptyPassword";
        }

        return password.Length > BasicUserRules.MaxPasswordLength || password.Contains('\0', StringComparison.Ordinal) ? "MalformedPassword" : null;
    }

    private sealed record PreparedSearch(Task<LdapUserLookup?> Search) : IPreparedLogin;

    [LoggerMessage(EventId = 4510, Level = LogLevel.Information, Message = "LDAP login refused (" + IdentityProblemCodes.InvalidCredentials + ", {Reason}) for user {UserName} from {ClientAddress}")]
    private static partial void LogRefused(ILogger logger, LogText userName, string reason, string clientAddress);

    [LoggerMessage(EventId = 4512, Level = LogLevel.Information, Message = "LDAP login refused (" + IdentityProblemCodes.InvalidCredentials + ", {Reason}) for user {UserName} from {ClientAddress}")]
    private static partial void LogEntryRefused(ILogger logger, LogText userName, LdapUserLookupKind reason, string clientAddress);

    [LoggerMessage(EventId = 4511, Level = LogLevel.Information, Message = "LDAP user {UserName} ({Dn}, {GroupCount} groups) authenticated from {ClientAddress}")]
    private static partial void LogAccepted(ILogger logger, LogText userName, LogText dn, int groupCount, string clientAddress);
}
