using AtotiAuth.Identity.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Audit;

/// <summary>
/// Audits every write of the admin API, on the whole <c>/admin</c> group (issue 16): reads pass
/// untouched; a write is recorded after it ran, with its action (named from the route by
/// <see cref="AuditActions.ForAdminRoute"/>), its target (the route's user name, session id or
/// provider and key; for a creation, the body's user name), its outcome (<c>success</c>, or the
/// problem's stable code) and what changed when that is no secret (a status, roles; never a password).
/// </summary>
internal sealed class AdminAuditFilter(AuditTrail audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return await next(context);
        }

        var pattern = endpoint.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var action = AuditActions.ForAdminRoute(http.Request.Method, pattern) ?? $"admin.{http.Request.Method.ToUpperInvariant()} {pattern}";
        var (target, detail) = Describe(context);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.AdminActionAsync(http, action, target ?? AuditActions.None, "error", detail);
            throw;
        }

        await audit.AdminActionAsync(http, action, target ?? TargetOf(result), OutcomeOf(result), detail);
        return result;
    }

    /// <summary>The route's target and the request's non-secret detail.</summary>
    private static (string? Target, string Detail) Describe(EndpointFilterInvocationContext context)
    {
        var values = context.HttpContext.Request.RouteValues;
        string? Value(string name) => values.TryGetValue(name, out var v) ? v?.ToString() : null;
        var provider = Value("provider");
        var key = Value("key");
        var target = Value("userName") ?? Value("sessionId") ?? (key is null ? provider : $"{provider}/{key}");
        var detail = new List<string>();
        if (provider is not null && target != provider && !target!.StartsWith(provider + "/", StringComparison.Ordinal))
        {
            detail.Add($"provider={provider}");
        }

        foreach (var argument in context.Arguments)
        {
            switch (argument)
            {
                case CreateUserRequest create:
                    target ??= create.UserName;
                    detail.Add($"roles={string.Join(',', create.Roles ?? [])}");
                    break;
                case StatusRequest status:
                    detail.Add($"status={status.Status}");
                    break;
                case RolesRequest roles:
                    detail.Add($"roles={string.Join(',', roles.Roles ?? [])}");
                    break;
                case LinkRequest link:
                    detail.Add($"link={link.Provider}/{link.UserName}");
                    break;
            }
        }

        return (target, string.Join(' ', detail));
    }

    private static string TargetOf(object? result) => result is IValueHttpResult { Value: UserResponse user } ? user.UserName : AuditActions.None;

    /// <summary><c>success</c> for a 2xx, the problem's code for a refusal, else <c>http_</c> and the status.</summary>
    internal static string OutcomeOf(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        if (result is ProblemHttpResult problem)
        {
            return problem.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string text ? text : $"http_{problem.StatusCode}";
        }

        if (result is ValidationProblem validation)
        {
            return validation.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string text ? text : IdentityProblems.InvalidRequest.Code;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } s } ? s : StatusCodes.Status200OK;
        return status is >= 200 and < 300 ? AuditActions.Success : $"http_{status}";
    }
}
