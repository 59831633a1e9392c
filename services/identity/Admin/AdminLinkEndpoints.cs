using AtotiAuth.Shared.Hosting;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// Links (issue 22): a principal of one provider made to share the individual roles of a principal of
/// another, set only by an admin. Without a link no name at one provider picks up another's roles.
/// </summary>
internal static class AdminLinkEndpoints
{
    public static RouteGroupBuilder MapAdminLinks(this RouteGroupBuilder providers)
    {
        providers.MapGet("/users/{userName}/link", GetAsync);
        providers.MapPut("/users/{userName}/link", SetAsync);
        providers.MapDelete("/users/{userName}/link", DeleteAsync);
        return providers;
    }

    /// <summary>Every link, across providers, for the console's list (<c>GET /admin/links</c>).</summary>
    public static RouteGroupBuilder MapAdminLinkList(this RouteGroupBuilder admin)
    {
        admin.MapGet("/links", ListAsync).WithTags("Roles");
        return admin;
    }

    /// <summary>The links ordered by provider, then user name, so a listing reads the same on every replica.</summary>
    internal static async Task<Ok<LinkResponse[]>> ListAsync(IRoleStore roles, CancellationToken cancellationToken)
        => TypedResults.Ok((await roles.ListLinksAsync(cancellationToken))
            .OrderBy(static link => link.Key.Provider, StringComparer.Ordinal)
            .ThenBy(static link => link.Key.UserName, StringComparer.Ordinal)
            .Select(static link => new LinkResponse(
                new PrincipalResponse(link.Key.Provider, link.Key.UserName),
                new PrincipalResponse(link.Value.Provider, link.Value.UserName)))
            .ToArray());

    internal static async Task<Results<Ok<PrincipalResponse>, ProblemHttpResult>> GetAsync(string provider, string userName, IRoleStore roles, CancellationToken cancellationToken)
        => UserNames.Check(userName) is null && await roles.GetLinkAsync(new PrincipalId(provider, userName), cancellationToken) is { } target
            ? TypedResults.Ok(new PrincipalResponse(target.Provider, target.UserName))
            : Problems.Result(IdentityProblems.LinkNotFound);

    internal static async Task<Results<Ok<PrincipalResponse>, ValidationProblem>> SetAsync(
        string provider, string userName, LinkRequest request, RoleChanges changes, CancellationToken cancellationToken)
    {
        if (UserNames.Check(userName) is { } nameError)
        {
            return AdminProblems.Invalid("userName", nameError);
        }

        if (!ProviderIds.IsWellFormed(request.Provider))
        {
            return AdminProblems.Invalid("provider", "must be a provider id: basic, ldap, kerberos or oidc:{id}.");
        }

        if (UserNames.Check(request.UserName) is { } targetError)
        {
            return AdminProblems.Invalid("userName", targetError);
        }

        var principal = new PrincipalId(provider, userName);
        var target = new PrincipalId(request.Provider!, request.UserName!);
        if (target == principal)
        {
            return AdminProblems.Invalid("userName", "must name another principal than the one linked.");
        }

        await changes.SetLinkAsync(principal, target, cancellationToken);
        return TypedResults.Ok(new PrincipalResponse(target.Provider, target.UserName));
    }

    internal static async Task<NoContent> DeleteAsync(string provider, string userName, RoleChanges changes, CancellationToken cancellationToken)
    {
        if (UserNames.Check(userName) is null)
        {
            await changes.SetLinkAsync(new PrincipalId(provider, userName), null, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
