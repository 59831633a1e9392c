using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Users;
using Microsoft.AspNetCore.Identity;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// Checks basic credentials. Unknown user, inactive user and wrong password take the same path and
/// about the same time (a dummy hash is verified when there is no user), and count alike towards
/// the lock, so neither the answer nor its timing tells whether a user exists (OWASP ASVS V2.2).
/// </summary>
internal sealed partial class BasicAuthenticator(
    IUserStore users,
    IPasswordHasher<BasicUser> hasher,
    RoleResolver roles,
    LoginThrottle throttle,
    ILogger<BasicAuthenticator> logger)
{
    public const string Provider = "basic";

    private static readonly BasicUser DummyUser = new("dummy", "x", UserStatus.Inactive, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    // Hashed with the same hasher (and so the same work factor) as real users.
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N")));

    /// <param name="userName">The login name.</param>
    /// <param name="password">The password.</param>
    /// <param name="clientAddress">The caller's address, for the throttle.</param>
    /// <param name="isLast">
    /// No provider follows: then an unknown name is given a dummy hash (so its answer takes as long as a
    /// wrong password) and a failure is counted here; otherwise the caller counts it once every provider refused.
    /// </param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<LoginOutcome> AuthenticateAsync(string userName, string password, string clientAddress, bool isLast, CancellationToken cancellationToken)
    {
        var safeName = userName;
        if (BasicUserRules.CheckUserName(userName) is not null || BasicUserRules.CheckPassword(password) is not null)
        {
            LogRefused(logger, safeName, clientAddress);
            return LoginOutcome.Invalid(userName);
        }

        // The throttle's counters and the user are read at once (one round trip); a locked name is
        // refused whatever the lookup found, so the answer still says nothing about the user.
        var checking = throttle.CheckAsync(userName, clientAddress, cancellationToken);
        var finding = users.FindAsync(userName, cancellationToken);
        await Task.WhenAll(checking, finding);
        var check = await checking;
        if (check.Locked)
        {
            return LoginOutcome.Locked(userName);
        }

        var user = await finding;
        var verdict = user is null
            ? VerifyDummy(password, isLast)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user is null || user.Status != UserStatus.Active || verdict == PasswordVerificationResult.Failed)
        {
            if (isLast)
            {
                await throttle.RecordFailureAsync(userName, clientAddress, cancellationToken);
            }

            LogRefused(logger, safeName, clientAddress);
            return LoginOutcome.Invalid(userName) with { Throttle = check };
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdateAsync(user with { PasswordHash = hasher.HashPassword(user, password) }, cancellationToken);
        }

        var resolving = roles.ResolveAsync(new RoleResolutionRequest(Provider, user.UserName, []), cancellationToken);
        await Task.WhenAll(throttle.RecordSuccessAsync(userName, check, cancellationToken), resolving);
        var resolved = await resolving;
        LogAccepted(logger, safeName, clientAddress);
        return new LoginOutcome(LoginOutcomeKind.Success, user.UserName, resolved);
    }

    private PasswordVerificationResult VerifyDummy(string password, bool hashUnknown)
    {
        if (hashUnknown)
        {
            hasher.VerifyHashedPassword(DummyUser, _dummyHash.Value, password);
        }

        return PasswordVerificationResult.Failed;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Login refused (" + IdentityProblemCodes.InvalidCredentials + ") for user {UserName} from {ClientAddress}")]
    private static partial void LogRefused(ILogger logger, LogText userName, string clientAddress);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Basic user {UserName} authenticated from {ClientAddress}")]
    private static partial void LogAccepted(ILogger logger, LogText userName, string clientAddress);
}
