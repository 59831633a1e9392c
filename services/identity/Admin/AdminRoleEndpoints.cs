using System.Text.Json;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Roles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// Individual roles per user name, role mappings and default roles per provider (DESIGN.md §3). Read
/// at every login, so a change applies at the user's next login without a restart.
/// </summary>
internal static class AdminRoleEndpoints
{
    public static RouteGroupBuilder MapAdminRoles(this RouteGroupBuilder admin)
    {
        var individual = admin.MapGroup("/roles/individual").WithTags("Roles");
        individual.MapGet("/", ListIndividualAsync);
        individual.MapGet("/{userName}", GetIndividualAsync);
        individual.MapPut("/{userName}", SetIndividualAsync);
        individual.MapDelete("/{userName}", DeleteIndividualAsync);

        var providers = admin.MapGroup("/providers/{provider}").WithTags("Roles");
        providers.MapGet("/role-mapping", GetMappingAsync);
        providers.MapPut("/role-mapping/{key}", SetMappingAsync);
        providers.MapDelete("/role-mapping/{key}", DeleteMappingAsync);
        providers.MapGet("/default-roles", GetDefaultsAsync);
        providers.MapPut("/default-roles", SetDefaultsAsync);
        return admin;
    }

    internal static async Task<JsonBody<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ListIndividualAsync(
        IRoleStore roles, AdminListCache cache, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var individual = await roles.ListIndividualRolesAsync(cancellationToken);
        return new JsonBody<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            cache.IndividualRolesBody.For(individual, null, () => JsonSerializer.SerializeToUtf8Bytes(individual, json.Value.SerializerOptions)));
    }

    internal static async Task<Ok<RolesResponse>> GetIndividualAsync(string userName, IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok(new RolesResponse(await roles.GetIndividualRolesAsync(userName, cancellationToken)));

    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem>> SetIndividualAsync(string userName, RolesRequest request, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckRoles(request.Roles) is { } error)
        {
            return AdminProblems.Invalid("roles", error);
        }

        await roles.SetIndividualRolesAsync(userName, request.Roles!, cancellationToken);
        return TypedResults.Ok(new RolesResponse(await roles.GetIndividualRolesAsync(userName, cancellationToken)));
    }

    internal static async Task<NoContent> DeleteIndividualAsync(string userName, IRoleStore roles, CancellationToken cancellationToken)
    {
        await roles.SetIndividualRolesAsync(userName, [], cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyDictionary<string, IReadOnlyList<string>>>> GetMappingAsync(string provider, IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok(await roles.GetRoleMappingAsync(provider, cancellationToken));

    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem>> SetMappingAsync(string provider, string key, RolesRequest request, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckRoles(request.Roles) is { } error)
        {
            return AdminProblems.Invalid("roles", error);
        }

        await roles.SetRoleMappingAsync(provider, key, request.Roles!, cancellationToken);
        var mapping = await roles.GetRoleMappingAsync(provider, cancellationToken);
        return TypedResults.Ok(new RolesResponse(mapping.TryGetValue(key, out var mapped) ? mapped : []));
    }

    internal static async Task<NoContent> DeleteMappingAsync(string provider, string key, IRoleStore roles, CancellationToken cancellationToken)
    {
        await roles.SetRoleMappingAsync(provider, key, [], cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<RolesResponse>> GetDefaultsAsync(string provider, IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok(new RolesResponse(await roles.GetDefaultRolesAsync(provider, cancellationToken)));

    internal static async Task<Results<Ok<RolesResponse>, ValidationProblem>> SetDefaultsAsync(string provider, RolesRequest request, IRoleStore roles, CancellationToken cancellationToken)
    {
        if (BasicUserRules.CheckRoles(request.Roles) is { } error)
        {
            return AdminProblems.Invalid("roles", error);
        }

        await roles.SetDefaultRolesAsync(provider, request.Roles!, cancellationToken);
        return TypedResults.Ok(new RolesResponse(await roles.GetDefaultRolesAsync(provider, cancellationToken)));
    }
}
