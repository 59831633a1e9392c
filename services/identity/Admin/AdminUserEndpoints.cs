using System.Text.Json;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Admin;

/// <summary>Basic users: list, read, create, change password, set status, delete. Hashes never leave the store.</summary>
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
        return admin;
    }

    internal static async Task<JsonBody<UserResponse[]>> ListAsync(
        IUserStore users, IRoleStore roles, AdminListCache cache, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // Both reads at once (one round trip to Redis when the copies are out of date).
        var listing = users.ListAsync(cancellationToken);
        var reading = roles.ListIndividualRolesAsync(cancellationToken);
        await Task.WhenAll(listing, reading);
        var (all, individual) = (await listing, await reading);
        return new JsonBody<UserResponse[]>(cache.UsersBody.For(all, individual, () => JsonSerializer.SerializeToUtf8Bytes(
            all.Select(u => ToResponse(u, individual.TryGetValue(u.UserName, out var r) ? r : [])).ToArray(), json.Value.SerializerOptions)));
    }

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string userName, IUserStore users, IRoleStore roles, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(userName, cancellationToken);
        return user is null
            ? AdminProblems.UserNotFound(userName)
            : TypedResults.Ok(ToResponse(user, await roles.GetIndividualRolesAsync(userName, cancellationToken)));
    }

    internal static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, BasicUsers basicUsers, IUserStore users, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckUserName(request.UserName) is { } nameError)
        {
            return AdminProblems.Invalid("userName", nameError);
        }

        if (BasicUserRules.CheckPassword(request.Password) is { } passwordError)
        {
            return AdminProblems.Invalid("password", passwordError);
        }

        var extra = request.Roles ?? [];
        if (BasicUserRules.CheckRoles(extra) is { } rolesError)
        {
            return AdminProblems.Invalid("roles", rolesError);
        }

        var result = await basicUsers.CreateAsync(request.UserName!, request.Password!, extra, UserStatus.Active, cancellationToken);
        if (result == BasicUserChange.AlreadyExists)
        {
            return AdminProblems.Conflict(IdentityProblemCodes.UserExists, $"A basic user named '{request.UserName}' already exists.");
        }

        var user = (await users.FindAsync(request.UserName!, cancellationToken))!;
        var response = ToResponse(user, await roles.GetIndividualRolesAsync(user.UserName, cancellationToken));
        return TypedResults.Created($"/admin/users/{Uri.EscapeDataString(user.UserName)}", response);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        string userName, PasswordRequest request, BasicUsers basicUsers, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckPassword(request.Password) is { } error)
        {
            return AdminProblems.Invalid("password", error);
        }

        return await basicUsers.SetPasswordAsync(userName, request.Password!, cancellationToken) == BasicUserChange.Done
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

    private static UserResponse ToResponse(BasicUser user, IReadOnlyList<string> roles)
        => new(user.UserName, user.Status.ToString(), user.CreatedAt, user.UpdatedAt, roles);
}
