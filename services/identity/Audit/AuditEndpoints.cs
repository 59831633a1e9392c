using System.Globalization;
using AtotiAuth.Identity.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Audit;

/// <summary>
/// <c>GET /admin/audit?user=&amp;action=&amp;since=&amp;limit=</c> (issue 16): the trail, newest first, under
/// the admin API's policy. <c>user</c> matches the actor or the target; <c>action</c> an action or every
/// action under it; <c>since</c> is an ISO 8601 time; <c>limit</c> 1 to 1000 (default 100).
/// </summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAdminAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ReadAsync).WithTags("Audit");
        return admin;
    }

    internal static async Task<Results<Ok<AuditEvent[]>, ValidationProblem>> ReadAsync(
        string? user, string? action, string? since, int? limit, IAuditStore store, CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return AdminProblems.Invalid("since", "must be an ISO 8601 time, e.g. 2026-01-31T08:00:00Z.");
            }

            from = parsed;
        }

        if (limit is < 1 or > 1000)
        {
            return AdminProblems.Invalid("limit", "must be between 1 and 1000.");
        }

        var events = await store.ReadAsync(new AuditQuery(user, action, from, limit ?? 100), cancellationToken);
        return TypedResults.Ok(events.ToArray());
    }
}
