using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// The directory operations of a login: find the user and its own login name (service account,
/// pooled), bind as the user (own connection), check the account is not disabled, read the groups,
/// nested ones where configured (each a pooled operation).
/// Every value from the caller goes into filters through <see cref="LdapFilter.Format"/> (RFC 4515).
/// </summary>
internal sealed class LdapDirectory(LdapConnectionPool pool, LdapConnector connector, IOptions<LdapOptions> options)
{
    // Members per OR filter when following nested groups; keeps filters well under server limits.
    private const int MembersPerFilter = 50;

    public Task<LdapUserLookup> FindUserAsync(string loginName, CancellationToken cancellationToken)
        => pool.RunAsync(connection => FindUser(connection, loginName), cancellationToken);

    /// <summary>True when the directory accepts the password for <paramref name="userDn"/> (a connection of its own, closed at once).</summary>
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

    /// <summary>True when the entry matches <see cref="LdapOptions.DisabledAccountFilter"/> (a pooled operation; false when no filter is set).</summary>
    public Task<bool> IsDisabledAsync(string userDn, CancellationToken cancellationToken)
        => string.IsNullOrEmpty(options.Value.DisabledAccountFilter)
            ? Task.FromResult(false)
            : pool.RunAsync(connection => IsDisabled(connection, userDn), cancellationToken);

    /// <summary>The user's groups, nested ones where configured, in one pooled operation (none when no group search base is set).</summary>
    public Task<IReadOnlyList<string>> GroupsAsync(string userDn, CancellationToken cancellationToken)
        => options.Value.GroupSearchBase is null
            ? Task.FromResult<IReadOnlyList<string>>([])
            : pool.RunAsync<IReadOnlyList<string>>(connection => Groups(connection, userDn), cancellationToken);

    private LdapUserLookup FindUser(LdapConnection connection, string loginName)
    {
        var settings = options.Value;
        var nameAttribute = settings.EffectiveUserNameAttribute!;
        var request = new SearchRequest(
            LdapDn.Combine(settings.UserSearchBase, settings.BaseDn!),
            LdapFilter.Format(settings.UserSearchFilter, loginName),
            SearchScope.Subtree,
            nameAttribute)
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

        var entry = response.Entries[0];
        return CanonicalName(entry, nameAttribute, loginName) is { } name
            ? new LdapUserLookup(LdapUserLookupKind.Found, entry.DistinguishedName, name)
            : LdapUserLookup.NoName;
    }

    /// <summary>
    /// The entry's own login name (DESIGN.md §3, issue 22): its only value of the attribute, or, where the
    /// attribute has several, the one equal to what was typed but for case; null when neither settles it.
    /// </summary>
    private static string? CanonicalName(SearchResultEntry entry, string attributeName, string loginName)
    {
        var values = new List<string>();
        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (string.Equals(name, attributeName, StringComparison.OrdinalIgnoreCase))
            {
                values.AddRange(entry.Attributes[name].GetValues(typeof(string)).Cast<string>());
            }
        }

        if (values.Count == 1)
        {
            return values[0];
        }

        var matching = values.Where(v => string.Equals(v, loginName, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList();
        return matching.Count == 1 ? matching[0] : null;
    }

    private bool IsDisabled(LdapConnection connection, string userDn)
    {
        // Matched on the server: attributes the schema lacks evaluate to Undefined and never match (RFC 4511 §4.5.1.7).
        var check = (SearchResponse)connection.SendRequest(new SearchRequest(userDn, options.Value.DisabledAccountFilter, SearchScope.Base, "1.1"));
        return check.Entries.Count > 0;
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
