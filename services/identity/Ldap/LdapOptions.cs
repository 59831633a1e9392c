using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// The LDAP provider (section <c>AtotiAuth:Identity:Ldap</c>): Atoti's <c>LdapConfig</c>
/// (ATOTI-CONTRACT.md "LdapConfig") plus transport, pool and nesting settings. Without a
/// <see cref="Url"/> the provider is off and only basic users log in.
/// </summary>
public sealed class LdapOptions : IBoundOptions<LdapOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Ldap";

    static void IBoundOptions<LdapOptions>.Bind(IConfiguration section, LdapOptions options) => section.Bind(options);

    /// <summary>
    /// Off switch that keeps the rest of the section. Default <c>true</c>: the provider is on as soon
    /// as <see cref="Url"/> is set.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// One or several servers, separated by spaces or commas, tried in order (fail-over):
    /// <c>ldap://host:389</c> or <c>ldaps://host:636</c>. Required to enable the provider; no default.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>Base DN every search base is relative to, e.g. <c>dc=example,dc=com</c>. Required.</summary>
    public string? BaseDn { get; set; }

    /// <summary>
    /// Service account the user and group searches bind as. Default none: anonymous searches, which
    /// most directories refuse; set it with <see cref="ManagerPassword"/>.
    /// </summary>
    public string? ManagerDn { get; set; }

    /// <summary>Password of <see cref="ManagerDn"/>. Never logged. Default none.</summary>
    public string? ManagerPassword { get; set; }

    /// <summary>Where users are searched, relative to <see cref="BaseDn"/>. Default <c>''</c> (the base itself), as Atoti.</summary>
    public string UserSearchBase { get; set; } = "";

    /// <summary>
    /// Filter that finds the user; <c>{0}</c> is the login name, escaped per RFC 4515 §3. Default
    /// <c>(uid={0})</c>, as Atoti. Active Directory: <c>(sAMAccountName={0})</c>.
    /// </summary>
    public string UserSearchFilter { get; set; } = "(uid={0})";

    /// <summary>
    /// Attribute of the user's entry that holds its login name: the session, the JWT's <c>sub</c> and the
    /// role look-ups use the entry's own value, never what was typed (a directory may match
    /// <c>ALICE</c> or a look-alike to <c>alice</c>). Default empty: the attribute of a filter of the form
    /// <c>(attr={0})</c>, such as <c>uid</c> for the default filter; required with other filters.
    /// </summary>
    public string? UserNameAttribute { get; set; }

    /// <summary>
    /// Where groups are searched, relative to <see cref="BaseDn"/> (<c>''</c> = the base itself).
    /// Default none, as Atoti: groups are not read and roles come from individual, user-name-mapped and default roles.
    /// </summary>
    public string? GroupSearchBase { get; set; }

    /// <summary>Filter that finds a member's groups; <c>{0}</c> is the member's DN, escaped. Default <c>(uniqueMember={0})</c>, as Atoti.</summary>
    public string GroupSearchFilter { get; set; } = "(uniqueMember={0})";

    /// <summary>Group attribute whose values become provider roles (role-mapping keys). Default <c>cn</c>, as Atoti.</summary>
    public string GroupRoleAttributeName { get; set; } = "cn";

    /// <summary>
    /// How the login name is normalised for the session and role look-ups (Atoti's
    /// <c>username_case_conversion</c>). Default <c>None</c>; Atoti 6.2 asks for <c>Upper</c> or <c>Lower</c>.
    /// </summary>
    public UserNameCaseConversion UsernameCaseConversion { get; set; } = UserNameCaseConversion.None;

    /// <summary>
    /// Upgrade <c>ldap://</c> connections with StartTLS (RFC 4511 §4.14) before any bind. Default
    /// <c>false</c>; not with <c>ldaps://</c>, which is TLS already.
    /// </summary>
    public bool StartTls { get; set; }

    /// <summary>
    /// PEM file of the CA(s) that signed the directory's certificate, trusted besides the system's
    /// (<c>/etc/ldap/ldap.conf</c> <c>TLS_CACERT</c>). The chain and host name are always checked; there is no switch to skip that.
    /// Default none. Linux only (libldap with GnuTLS, as Debian builds it).
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// Allows plain <c>ldap://</c> without StartTLS, which sends passwords in clear: development
    /// only. Default <c>false</c>: the service refuses to start with a clear-text URL.
    /// </summary>
    public bool AllowPlainText { get; set; }

    /// <summary>Time to open a connection (TCP, TLS, bind) to one server before the next is tried. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time one search or bind may take. Default 10 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Idle service-account connections kept for reuse (user binds always get their own connection).
    /// Default 4: the searches of a login take a few milliseconds, so a few connections serve many logins.
    /// </summary>
    public int PoolSize { get; set; } = 4;

    /// <summary>
    /// Most directory operations under way at once, searches and user binds together, each on its own
    /// connection and holding one thread while libldap works; a login that finds none free waits in line
    /// for <see cref="QueueTimeout"/>, then is answered 503. Default 8, Spring LDAP's pool default.
    /// </summary>
    public int MaxConnections { get; set; } = 8;

    /// <summary>
    /// How long a login waits for a free connection before it is answered 503 (<c>directory_unavailable</c>).
    /// Default 5 s.
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Follow referrals to other servers. Default <c>false</c>: a referral may point anywhere and would receive the bind.</summary>
    public bool FollowReferrals { get; set; }

    /// <summary>Also read the groups of the user's groups. Default <c>false</c>.</summary>
    public bool NestedGroups { get; set; }

    /// <summary>Levels of nesting followed when <see cref="NestedGroups"/> is on (1 = the groups of direct groups). Default 5.</summary>
    public int MaxNestingDepth { get; set; } = 5;

    /// <summary>
    /// Filter matched against the user's own entry: a match refuses the login as a disabled account.
    /// Default <c>(|(pwdAccountLockedTime=*)(nsAccountLock=TRUE))</c>: OpenLDAP's ppolicy lock and
    /// 389-DS/FreeIPA's lock (attributes a schema lacks simply never match). Active Directory:
    /// <c>(userAccountControl:1.2.840.113556.1.4.803:=2)</c>. Empty: no check.
    /// </summary>
    public string? DisabledAccountFilter { get; set; } = "(|(pwdAccountLockedTime=*)(nsAccountLock=TRUE))";

    /// <summary>
    /// Role mapping of provider <c>ldap</c> seeded into the role store at start when the key is missing
    /// there (the admin API owns it afterwards): group or user name → roles, e.g.
    /// <c>ROLE_ATOTI_USER → [ROLE_USER]</c>. Group names compare upper-cased, as Atoti. Default empty.
    /// </summary>
    public IDictionary<string, List<string>> RoleMapping { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

    /// <summary>
    /// Default roles of provider <c>ldap</c>, seeded when the store has none; given only to users with
    /// no individual and no mapped role. Default empty.
    /// </summary>
    public IList<string> DefaultRoles { get; } = [];

    /// <summary>True when the provider takes part in logins.</summary>
    internal bool IsActive => Enabled && !string.IsNullOrWhiteSpace(Url);

    /// <summary><see cref="UserNameAttribute"/>, or the attribute of a <c>(attr={0})</c> filter; null when neither gives one.</summary>
    internal string? EffectiveUserNameAttribute
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(UserNameAttribute))
            {
                return UserNameAttribute;
            }

            var filter = UserSearchFilter ?? "";
            var equals = filter.IndexOf('=', StringComparison.Ordinal);
            return filter.Length > 5 && filter[0] == '(' && filter.EndsWith("={0})", StringComparison.Ordinal) && equals == filter.Length - 5
                && LdapFilter.IsAttributeName(filter[1..equals])
                ? filter[1..equals]
                : null;
        }
    }
}
