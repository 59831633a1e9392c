using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// The Kerberos (SPNEGO) provider (section <c>AtotiAuth:Identity:Kerberos</c>): Atoti's
/// <c>KerberosConfig</c> (ATOTI-CONTRACT.md "KerberosConfig") plus realms, roles and an optional LDAP
/// lookup of the user's groups. Without a <see cref="ServicePrincipal"/> the provider is off.
/// </summary>
public sealed class KerberosOptions : IBoundOptions<KerberosOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Kerberos";

    static void IBoundOptions<KerberosOptions>.Bind(IConfiguration section, KerberosOptions options) => section.Bind(options);

    /// <summary>Off switch that keeps the rest of the section. Default <c>true</c>: on as soon as <see cref="ServicePrincipal"/> is set.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The service's principal, <c>HTTP/&lt;host as browsers name it&gt;</c> with no port, optionally with
    /// its realm: <c>HTTP/auth.example.com</c> or <c>HTTP/auth.example.com@EXAMPLE.COM</c> (Atoti's
    /// <c>service_principal</c>). Only tickets for this principal are accepted, whatever else the keytab
    /// holds. Required to enable the provider; no default.
    /// </summary>
    public string? ServicePrincipal { get; set; }

    /// <summary>
    /// The keytab holding the keys of <see cref="ServicePrincipal"/> (Atoti's <c>keytab</c>), mounted from a
    /// Secret. Default: the file named by <c>KRB5_KTNAME</c>, else <c>/etc/krb5.keytab</c>, as MIT Kerberos.
    /// </summary>
    public string? Keytab { get; set; }

    /// <summary>
    /// A <c>krb5.conf</c> for the service's GSSAPI library (Atoti's <c>krb5_config</c>), e.g. for a larger
    /// <c>clockskew</c>. Default none: the service needs no <c>krb5.conf</c> and no route to the KDC.
    /// </summary>
    public string? Krb5Config { get; set; }

    /// <summary>
    /// How the user name is normalised before sessions and roles see it (Atoti's
    /// <c>username_case_conversion</c>): Windows user names are case-insensitive. Default <c>None</c>;
    /// Atoti 6.2 asks for <c>Upper</c> or <c>Lower</c>.
    /// </summary>
    public UserNameCaseConversion UsernameCaseConversion { get; set; } = UserNameCaseConversion.None;

    /// <summary>
    /// Keep the realm in the user name (<c>alice@EXAMPLE.COM</c>). Default <c>false</c>: the user name is
    /// <c>alice</c>, as the same person's LDAP and basic names are. Required when several realms are allowed.
    /// </summary>
    public bool KeepRealm { get; set; }

    /// <summary>
    /// Realms whose users may log in (cross-realm trust can bring others). Default: the realm of
    /// <see cref="ServicePrincipal"/> only.
    /// </summary>
    public IList<string> AllowedRealms { get; } = [];

    /// <summary>
    /// Read the user's groups from the LDAP provider (<c>AtotiAuth:Identity:Ldap</c>, which must be on) by
    /// the user name without its realm, as Kerberos with LDAP authorization does in Active Directory. The
    /// groups are keys of this provider's role mapping, compared upper-cased; a user missing from the
    /// directory, or disabled there, is refused. Default <c>false</c>.
    /// </summary>
    public bool LdapGroups { get; set; }

    /// <summary>
    /// The clock skew the GSSAPI library allows (MIT's <c>clockskew</c>, 5 minutes by default). A token is
    /// refused as replayed for twice this long after its first use, on every replica. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Role mapping of provider <c>kerberos</c> seeded into the role store at start when the key is
    /// missing there (the admin API owns it afterwards): user name, or LDAP group with
    /// <see cref="LdapGroups"/>, → roles. Default empty.
    /// </summary>
    public IDictionary<string, List<string>> RoleMapping { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

    /// <summary>
    /// Default roles of provider <c>kerberos</c> (Atoti's <c>security.kerberos.default_roles</c>), seeded when
    /// the store has none; given only to users with no individual and no mapped role. Default empty.
    /// </summary>
    public IList<string> DefaultRoles { get; } = [];

    /// <summary>True when the provider takes part in logins.</summary>
    internal bool IsActive => Enabled && !string.IsNullOrWhiteSpace(ServicePrincipal);
}
