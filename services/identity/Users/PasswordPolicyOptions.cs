using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Users;

/// <summary>
/// What a new basic password must be (section <c>AtotiAuth:Identity:Passwords</c>), checked wherever one is
/// set: the admin API, the CSV file, the seeded users. NIST SP 800-63B §3.1.1.2: a length floor and a
/// list of known passwords, no composition rules. Passwords already stored still log in.
/// </summary>
public sealed class PasswordPolicyOptions : IBoundOptions<PasswordPolicyOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Passwords";

    static void IBoundOptions<PasswordPolicyOptions>.Bind(IConfiguration section, PasswordPolicyOptions options) => section.Bind(options);

    /// <summary>Fewest characters (Unicode code points). Default 12; NIST's floor of 8 is the least allowed.</summary>
    [Range(8, 128)]
    public int MinLength { get; set; } = 12;

    /// <summary>
    /// Refuse the passwords of the list shipped with the service (the most used of Mark Burnett's
    /// 10 million passwords, docs/identity.md), case-insensitively, and the user's own name. Default true.
    /// </summary>
    public bool RefuseCommon { get; set; } = true;
}
