namespace AtotiAuth.Identity.Audit;

/// <summary>The audited actions (issue 16), dotted so that a query for <c>roles</c> finds every role change.</summary>
internal static class AuditActions
{
    public const string Success = "success";

    public const string UserCreate = "user.create";
    public const string UserPassword = "user.password";
    public const string UserStatus = "user.status";
    public const string UserDelete = "user.delete";
    public const string UserUnlock = "user.unlock";
    public const string IndividualRolesSet = "roles.individual.set";
    public const string IndividualRolesDelete = "roles.individual.delete";
    public const string MappingSet = "roles.mapping.set";
    public const string MappingDelete = "roles.mapping.delete";
    public const string DefaultRolesSet = "roles.default.set";
    public const string LinkSet = "link.set";
    public const string LinkDelete = "link.delete";
    public const string SessionRevoke = "session.revoke";
    public const string SessionRevokeAll = "session.revoke-all";

    public const string CsvUserCreate = "csv.user.create";
    public const string CsvUserUpdate = "csv.user.update";
    public const string CsvUserDeactivate = "csv.user.deactivate";
    public const string CsvUserDelete = "csv.user.delete";

    public const string Login = "login";
    public const string Logout = "logout";
    public const string Lockout = "lockout";

    /// <summary>The actor of what the CSV file does.</summary>
    public const string Provisioning = "provisioning";

    /// <summary>An unknown actor, session or address.</summary>
    public const string None = "-";

    /// <summary>
    /// The action of an admin API write, from its method and the route pattern's end, so that a route
    /// moved under another prefix (a provider's users, say) keeps its name; null for a route not listed.
    /// </summary>
    public static string? ForAdminRoute(string method, string pattern)
    {
        var delete = HttpMethods.IsDelete(method);
        var put = HttpMethods.IsPut(method);
        return pattern.TrimEnd('/') switch
        {
            var p when HttpMethods.IsPost(method) && p.EndsWith("/users", StringComparison.Ordinal) => UserCreate,
            var p when put && p.EndsWith("/password", StringComparison.Ordinal) => UserPassword,
            var p when put && p.EndsWith("/status", StringComparison.Ordinal) => UserStatus,
            var p when delete && p.EndsWith("/lock", StringComparison.Ordinal) => UserUnlock,
            var p when delete && p.EndsWith("/sessions", StringComparison.Ordinal) => SessionRevokeAll,
            var p when delete && p.EndsWith("/sessions/{sessionId}", StringComparison.Ordinal) => SessionRevoke,
            var p when p.EndsWith("/users/{userName}/roles", StringComparison.Ordinal) => delete ? IndividualRolesDelete : IndividualRolesSet,
            var p when p.EndsWith("/users/{userName}/link", StringComparison.Ordinal) => delete ? LinkDelete : LinkSet,
            var p when p.Contains("/role-mapping/", StringComparison.Ordinal) => delete ? MappingDelete : MappingSet,
            var p when put && p.EndsWith("/default-roles", StringComparison.Ordinal) => DefaultRolesSet,
            var p when delete && p.EndsWith("/users/{userName}", StringComparison.Ordinal) => UserDelete,
            _ => null,
        };
    }
}
