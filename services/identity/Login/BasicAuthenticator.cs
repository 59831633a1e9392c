using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Users;
using Microsoft.AspNetCore.Identity;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// Checks basic credentials. Inactive user and wrong password both verify the stored hash; an unknown
/// name verifies none here, and <see cref="VerifyDummy"/> then spends the same time once every provider
/// refused (OWASP ASVS V2.2), so an answer's timing never tells whether a basic user exists.
/// </summary>
internal sealed partial class BasicAuthenticator(
    IUserStore users,
    IPasswordHasher<BasicUser> hasher,
    RoleResolver roles,
    ILogger<BasicAuthenticator> logger)
{
    private static readonly BasicUser DummyUser = new("dummy", "x", UserStatus.Inactive, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    // Hashed with the same hasher (and so the same work factor) as real users.
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N")));

    /// <summary>The outcome, and whether a stored hash was verified (false for an unknown name).</summary>
    public async Task<(LoginOutcome Outcome, bool Hashed)> AuthenticateAsync(string userName, string password, string clientNetwork, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userName, cancellationToken);
        if (user is null)
        {
            return (LoginOutcome.Invalid(userName), false);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user.Status != UserStatus.Active || verdict == PasswordVerificationResult.Failed)
        {
            LogRefused(logger, userName, clientNetwork);
            return (LoginOutcome.Invalid(userName), true);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // A hash made with an older work factor (100,000 iterations before issue 22) is replaced now that the password is known.
            await users.UpdateAsync(user with { PasswordHash = hasher.HashPassword(user, password) }, cancellationToken);
            LogRehashed(logger, userName);
        }

        var resolved = await roles.ResolveAsync(new RoleResolutionRequest(ProviderIds.Basic, user.UserName, []), cancellationToken);
        LogAccepted(logger, userName, clientNetwork);
        return (new LoginOutcome(LoginOutcomeKind.Success, user.UserName, resolved, ProviderIds.Basic, []), true);
    }

    /// <summary>Verifies the password against a hash of the same work factor, for the time it takes.</summary>
    public void VerifyDummy(string password) => hasher.VerifyHashedPassword(DummyUser, _dummyHash.Value, password);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Login refused (invalid_credentials) for basic user {UserName} from {ClientNetwork}")]
    private static partial void LogRefused(ILogger logger, LogText userName, string clientNetwork);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Basic user {UserName} authenticated from {ClientNetwork}")]
    private static partial void LogAccepted(ILogger logger, LogText userName, string clientNetwork);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Password hash of basic user {UserName} upgraded to the current work factor")]
    private static partial void LogRehashed(ILogger logger, LogText userName);
}
