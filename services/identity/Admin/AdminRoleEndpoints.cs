using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// Per provider (<c>basic</c>, <c>ldap</c>, <c>kerberos</c>, <c>oidc:{id}</c>): its users' individual roles
/// and links, its role mapping and default roles (DESIGN.md §3, issue 22). A change is felt by the
/// sessions it concerns at their next <c>/jwt</c> (<see cref="RoleChanges"/>) and by every later login.
/// </summary>
internal static class AdminRoleEndpoints
{
    public static RouteGroupBuilder MapAdminRoles(this RouteGroupBuilder admin)
    {
        var providers = admin.MapGroup("/providers/{provider}").WithTags("Roles").AddEndpointFilter(static (context, next) =>
            ProviderIds.IsWellFormed(context.HttpContext.GetRouteValue("provider") as string)
                ? next(context)
                : ValueTask.FromResult<object?>(AdminProblems.UnknownProvider(context.HttpContext.GetRouteValue("provider") as string ?? "")));
        providers.MapGet("/individual-roles", ListIndividualAsync);
        providers.MapGet("/users/{userName}/roles", GetIndividualAsync);
        providers.MapPut("/users/{userName}/roles", SetIndividualAsync);
        providers.MapDelete("/users/{userName}/roles", DeleteIndividualAsync);
        providers.MapGet("/role-mapping", GetMappingAsync);
        providers.MapPut("/role-mapping/{key}", SetMappingAsync);
        providers.MapDelete("/role-mapping/{key}", DeleteMappingAsync);
        providers.MapGet("/default-roles", GetDefaultsAsync);
        providers.MapPut("/default-roles", SetDefaultsAsync);
        providers.MapAdminLinks();
        providers.MapAdminSessions();
        admin.MapAdminLinkList();
        return admin;
    }

    internal static async Task<Ok<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ListIndividualAsync(string provider, IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok(await roles.ListIndividualRolesAsync(provider, cancellationToken));

    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem>> GetIndividualAsync(string provider, string userName, IRoleStore roles, CancellationToken cancellationToken)
        => UserNames.Check(userName) is { } error
            ? AdminProblems.Invalid("userName", error)
            : TypedResults.Ok(new RolesResponse(await roles.GetIndividualRolesAsync(provider, userName, cancellationToken)));

    /// <summary>Replaces a principal's individual roles; a basic user must exist (roles never wait for a user to be created under that name).</summary>
    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem, ProblemHttpResult>> SetIndividualAsync(
        string provider, string userName, RolesRequest request, RoleChanges changes, IRoleStore roles, IUserStore users, CancellationToken cancellationToken)
    {
        if (UserNames.Check(userName) is { } nameError)
        {
            return AdminProblems.Invalid("userName", nameError);
        }

        if (BasicUserRules.CheckRoles(request.Roles) is { } error)
        {
            return AdminProblems.Invalid("roles", error);
        }

        if (provider == ProviderIds.Basic && await users.FindAsync(userName, cancellationToken) is null)
        {
            return AdminProblems.UserNotFound(userName);
        }

        await changes.SetIndividualRolesAsync(new PrincipalId(provider, userName), request.Roles!, cancellationToken);
        return TypedResults.Ok(new RolesResponse(await roles.GetIndividualRolesAsync(provider, userName, cancellationToken)));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> DeleteIndividualAsync(string provider, string userName, RoleChanges changes, CancellationToken cancellationToken)
    {
        if (UserNames.Check(userName) is { } error)
        {
            return AdminProblems.Invalid("userName", error);
        }

        await changes.SetIndividualRolesAsync(new PrincipalId(provider, userName), [], cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyDictionary<string, IReadOnlyList<string>>>> GetMappingAsync(string provider, IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok(await roles.GetRoleMappingAsync(provider, cancellationToken));

    /// <summary>Sets a mapping entry: a provider role, or <c>user:{name}</c> for one user (the only form the basic provider, which has no roles of its own, takes).</summary>
    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem>> SetMappingAsync(
        string provider, string key, RolesRequest request, RoleChanges changes, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (CheckMappingKey(provider, key) is { } keyError)
        {
            return AdminProblems.Invalid("key", keyError);
        }

        if (BasicUserRules.CheckRoles(request.Roles) is { } error)
        {
            return AdminProblems.Invalid("roles", error);
        }

        await changes.SetRoleMappingAsync(provider, key, request.Roles!, cancellationToken);
        var mapping = await roles.GetRoleMappingAsync(provider, cancellationToken);
        return TypedResults.Ok(new RolesResponse(mapping.TryGetValue(key, out var mapped) ? mapped : []));
    }

    internal static async Task<NoContent> DeleteMappingAsync(string provider, string key, RoleChanges changes, CancellationToken cancellationToken)
    {
        await changes.SetRoleMappingAsync(provider, key, [], cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<RolesResponse>> GetDefaultsAsync(string provider, IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok(new RolesResponse(await roles.GetDefaultRolesAsync(provider, cancellationToken)));

    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem>> SetDefaultsAsync(
        string provider, RolesRequest request, RoleChanges changes, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckRoles(request.Roles) is { } error)
        {
            return AdminProblems.Invalid("roles", error);
        }

        await changes.SetDefaultRolesAsync(provider, request.Roles!, cancellationToken);
        return TypedResults.Ok(new RolesResponse(await roles.GetDefaultRolesAsync(provider, cancellationToken)));
    }

    private static string? CheckMappingKey(string provider, string key)
    {
        if (RoleResolver.IsUserKey(key))
        {
            return UserNames.Check(key[RoleResolver.UserKeyPrefix.Length..]) is { } nameError ? $"names a user who {nameError}" : null;
        }

        if (provider == ProviderIds.Basic)
        {
            return $"must be '{RoleResolver.UserKeyPrefix}{{userName}}': basic users have no provider roles to map.";
        }

        return string.IsNullOrWhiteSpace(key) || key.Any(char.IsControl) ? "must be a provider role or group name without control characters." : null;
    }
}
