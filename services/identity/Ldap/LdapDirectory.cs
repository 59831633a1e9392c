using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// The directory operations of a login: find the user (service account, pooled), check the account
/// is not disabled (pooled), bind as the user (own connection), read the groups (pooled), nested ones
/// where configured.
/// Every value from the caller goes into filters through <see cref="LdapFilter.Format"/> (RFC 4515).
/// </summary>
internal sealed class LdapDirectory(LdapConnectionPool pool, LdapConnector connector, IOptions<LdapOptions> options)
{
    // Members per OR filter when following nested groups; keeps filters well under server limits.
    private const int MembersPerFilter = 50;

    public Task<LdapUserLookup> FindUserAsync(string loginName, CancellationToken cancellationToken)
        => pool.RunAsync(connection => FindUser(connection, loginName), cancellationToken);

    /// <summary>
    /// <see cref="FindUserAsync"/> started on an idle pooled connection, or null when none is idle; the
    /// task yields null when that connection failed (see <see cref="LdapConnectionPool.TryStartOnIdle{T}"/>).
    /// </summary>
    public Task<LdapUserLookup?>? TryStartFindUser(string loginName, CancellationToken cancellationToken)
        => pool.TryStartOnIdle(connection => FindUser(connection, loginName), cancellationToken);

    /// <summary>True when the directory accepts the password for <paramref name="userDn"/>.</summary>
    public async Task<bool> BindAsync(string userDn, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var lease = await connector.OpenAsync(new NetworkCredential(userDn, password), skip: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (LdapFailures.IsInvalidCredentials(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// The account check (<see cref="LdapOptions.DisabledAccountFilter"/>) started on an idle pooled
    /// connection, or null when none is idle; the task yields null when that connection failed. Never
    /// opens a connection: without one, <see cref="GroupsAsync"/> makes the check in its own operation.
    /// </summary>
    public Task<LdapAccount?>? TryStartCheckAccount(string userDn, CancellationToken cancellationToken)
        => string.IsNullOrEmpty(options.Value.DisabledAccountFilter)
            ? Task.FromResult<LdapAccount?>(LdapAccount.Enabled)
            : pool.TryStartOnIdle(connection => CheckAccount(connection, userDn), cancellationToken);

    /// <summary>
    /// The user's groups, nested ones where configured, on a pooled connection; with
    /// <paramref name="checkAccount"/>, the account check first on the same connection (none read when disabled).
    /// </summary>
    public Task<LdapGroups> GroupsAsync(string userDn, bool checkAccount, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var check = checkAccount && !string.IsNullOrEmpty(settings.DisabledAccountFilter);
        if (!check && settings.GroupSearchBase is null)
        {
            return Task.FromResult(LdapGroups.None);
        }

        return pool.RunAsync(
            connection => check && CheckAccount(connection, userDn).IsDisabled
                ? LdapGroups.OfDisabledAccount
                : new LdapGroups(false, settings.GroupSearchBase is null ? [] : Groups(connection, userDn)),
            cancellationToken);
    }

    private LdapUserLookup FindUser(LdapConnection connection, string loginName)
    {
        var settings = options.Value;
        var request = new SearchRequest(
            LdapDn.Combine(settings.UserSearchBase, settings.BaseDn!),
            LdapFilter.Format(settings.UserSearchFilter, loginName),
            SearchScope.Subtree,
            "1.1") // RFC 4511 §4.5.1.8: no attributes, the DN is all we need.
        {
            SizeLimit = 2,
        };

        SearchResponse response;
        try
        {
            response = (SearchResponse)connection.SendRequest(request);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.SizeLimitExceeded)
        {
            return LdapUserLookup.Ambiguous;
        }

        if (response.Entries.Count != 1)
        {
            return response.Entries.Count == 0 ? LdapUserLookup.NotFound : LdapUserLookup.Ambiguous;
        }

        return new LdapUserLookup(LdapUserLookupKind.Found, response.Entries[0].DistinguishedName);
    }

    private LdapAccount CheckAccount(LdapConnection connection, string userDn)
    {
        // Matched on the server: attributes the schema lacks evaluate to Undefined and never match (RFC 4511 §4.5.1.7).
        var check = (SearchResponse)connection.SendRequest(new SearchRequest(userDn, options.Value.DisabledAccountFilter, SearchScope.Base, "1.1"));
        return check.Entries.Count > 0 ? LdapAccount.Disabled : LdapAccount.Enabled;
    }

    private List<string> Groups(LdapConnection connection, string userDn)
    {
        var settings = options.Value;
        var searchBase = LdapDn.Combine(settings.GroupSearchBase, settings.BaseDn!);
        var levels = settings.NestedGroups ? settings.MaxNestingDepth + 1 : 1;
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { userDn };
        var members = new List<string> { userDn };

        // Breadth first, each group once: cycles (A in B in A) end, and depth is bounded.
        for (var level = 0; level < levels && members.Count > 0; level++)
        {
            var next = new List<string>();
            foreach (var chunk in members.Chunk(MembersPerFilter))
            {
                var request = new SearchRequest(searchBase, LdapFilter.AnyOf(settings.GroupSearchFilter, chunk), SearchScope.Subtree, settings.GroupRoleAttributeName);
                var response = (SearchResponse)connection.SendRequest(request);
                foreach (SearchResultEntry entry in response.Entries)
                {
                    if (seen.Add(entry.DistinguishedName))
                    {
                        next.Add(entry.DistinguishedName);
                        AddValues(entry, settings.GroupRoleAttributeName, roles);
                    }
                }
            }

            members = next;
        }

        return [.. roles];
    }

    private static void AddValues(SearchResultEntry entry, string attributeName, SortedSet<string> roles)
    {
        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (string.Equals(name, attributeName, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in entry.Attributes[name].GetValues(typeof(string)))
                {
                    roles.Add((string)value);
                }
            }
        }
    }
}
