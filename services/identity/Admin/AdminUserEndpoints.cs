using System.Security.Claims;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Identity.Authentication;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>Basic users: list, read, create, change password, set status, delete, unlock. Hashes never leave the store.</summary>
internal static class AdminUserEndpoints
{
    public static RouteGroupBuilder MapAdminUsers(this RouteGroupBuilder admin)
    {
        var users = admin.MapGroup("/users").WithTags("Basic users");
        users.MapGet("/", ListAsync);
        users.MapGet("/{userName}", GetAsync);
        users.MapPost("/", CreateAsync);
        users.MapPut("/{userName}/password", SetPasswordAsync);
        users.MapPut("/{userName}/status", SetStatusAsync);
        users.MapDelete("/{userName}", DeleteAsync);
        users.MapDelete("/{userName}/lock", UnlockAsync).WithTags("Throttling");
        return admin;
    }

    internal static async Task<Ok<UserResponse[]>> ListAsync(IUserStore users, IRoleStore roles, CancellationToken cancellationToken)
    {
        var all = await users.ListAsync(cancellationToken);
        var individual = await roles.ListIndividualRolesAsync(ProviderIds.Basic, cancellationToken);
        return TypedResults.Ok(all.Select(u => ToResponse(u, individual.TryGetValue(u.UserName, out var r) ? r : [])).ToArray());
    }

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string userName, IUserStore users, IRoleStore roles, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userName, cancellationToken);
        return user is null
            ? AdminProblems.UserNotFound(userName)
            : TypedResults.Ok(ToResponse(user, await roles.GetIndividualRolesAsync(ProviderIds.Basic, userName, cancellationToken)));
    }

    internal static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, BasicUsers basicUsers, PasswordPolicy policy, IUserStore users, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckUserName(request.UserName) is { } nameError)
        {
            return AdminProblems.Invalid("userName", nameError);
        }

        if (BasicUserRules.CheckPassword(request.Password) is { } passwordError)
        {
            return AdminProblems.Invalid("password", passwordError);
        }

        if (policy.Check(request.Password!, request.UserName!) is { } weak)
        {
            return AdminProblems.WeakPassword(weak);
        }

        var extra = request.Roles ?? [];
        if (BasicUserRules.CheckRoles(extra) is { } rolesError)
        {
            return AdminProblems.Invalid("roles", rolesError);
        }

        var result = await basicUsers.CreateAsync(request.UserName!, request.Password!, extra, UserStatus.Active, cancellationToken);
        if (result == BasicUserChange.AlreadyExists)
        {
            return Problems.Result(IdentityProblems.UserExists, $"A basic user named '{request.UserName}' already exists.");
        }

        var user = (await users.FindAsync(request.UserName!, cancellationToken))!;
        var response = ToResponse(user, await roles.GetIndividualRolesAsync(ProviderIds.Basic, user.UserName, cancellationToken));
        return TypedResults.Created($"/admin/users/{Uri.EscapeDataString(user.UserName)}", response);
    }

    /// <summary>Sets the password and revokes the user's sessions, except the caller's own when users change their own password.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        string userName, PasswordRequest request, ClaimsPrincipal caller, BasicUsers basicUsers, PasswordPolicy policy, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckPassword(request.Password) is { } error)
        {
            return AdminProblems.Invalid("password", error);
        }

        if (policy.Check(request.Password!, userName) is { } weak)
        {
            return AdminProblems.WeakPassword(weak);
        }

        var own = caller.FindFirstValue(IdentitySchemes.ProviderClaim) == ProviderIds.Basic && caller.Identity?.Name == userName;
        var keep = own ? caller.FindFirstValue(IdentitySchemes.SessionIdClaim) : null;
        return await basicUsers.SetPasswordAsync(userName, request.Password!, keep, cancellationToken) == BasicUserChange.Done
            ? TypedResults.NoContent()
            : AdminProblems.UserNotFound(userName);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetStatusAsync(
        string userName, StatusRequest request, BasicUsers basicUsers, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<UserStatus>(request.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(request.Status, out _))
        {
            return AdminProblems.Invalid("status", "must be 'Active' or 'Inactive'.");
        }

        return await basicUsers.SetStatusAsync(userName, status, cancellationToken) == BasicUserChange.Done
            ? TypedResults.NoContent()
            : AdminProblems.UserNotFound(userName);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string userName, BasicUsers basicUsers, CancellationToken cancellationToken)
        => await basicUsers.DeleteAsync(userName, cancellationToken) == BasicUserChange.Done
            ? TypedResults.NoContent()
            : AdminProblems.UserNotFound(userName);

    /// <summary>Lifts every login lock on the name (issue 22), whichever provider it belongs to; nothing to do is no error.</summary>
    internal static async Task<NoContent> UnlockAsync(string userName, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        await throttle.UnlockAsync(userName, cancellationToken);
        return TypedResults.NoContent();
    }

    private static UserResponse ToResponse(BasicUser user, IReadOnlyList<string> roles)
        => new(user.UserName, ProviderIds.Basic, user.Status.ToString(), user.CreatedAt, user.UpdatedAt, roles);
}
