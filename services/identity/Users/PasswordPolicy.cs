using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Users;

/// <summary>
/// Checks a new basic password against <see cref="PasswordPolicyOptions"/>. The list of common passwords
/// is the embedded <c>common-passwords.txt</c>: the 100,000 most frequent passwords of Mark Burnett's
/// 10 million password list (2015) as the OWASP SecLists project publishes it
/// (<c>10-million-password-list-top-1000000.txt</c>), keeping the 38,452 of 8 or more printable ASCII
/// characters, distinct but for case.
/// </summary>
internal sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options)
{
    // Sorted 64-bit digests of the upper-cased entries, read byte by byte, not a set of strings: the
    // strings held about 4 MiB of the identity service's idle RSS (issue 17's < 100 MB), these 0.3 MB.
    private static readonly Lazy<List<long>> Common = new(Load);

    /// <summary>Null when <paramref name="password"/> may be set for <paramref name="userName"/>; otherwise why not, for the admin API's problem.</summary>
    public string? Check(string password, string userName)
    {
        ArgumentNullException.ThrowIfNull(password);
        var settings = options.Value;
        if (password.EnumerateRunes().Count() < settings.MinLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be at least {settings.MinLength} characters.");
        }

        if (settings.RefuseCommon && (IsCommon(password) || string.Equals(password, userName, StringComparison.OrdinalIgnoreCase)))
        {
            return "is too common (it is on a list of passwords attackers try first, or it is the user name).";
        }

        return null;
    }

    /// <summary>True when the password is on the list, but for case (a case-insensitive match, as attackers try each casing).</summary>
    internal static bool IsCommon(string password)
        => Common.Value.BinarySearch(Digest(Encoding.UTF8.GetBytes(password.ToUpperInvariant()))) >= 0;

    private static List<long> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("AtotiAuth.Identity.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        var digests = new List<long>(40_000);
        Span<byte> line = stackalloc byte[64];
        var length = 0;
        for (var next = stream.ReadByte(); length >= 0; next = stream.ReadByte())
        {
            if (next is '\n' or -1)
            {
                if (length > 0)
                {
                    digests.Add(Digest(line[..length]));
                }

                length = next == -1 ? -1 : 0;
            }
            else if (next != '\r')
            {
                // The entries are printable ASCII (see above): upper-cased as ToUpperInvariant does.
                line[length++] = (byte)(next is >= 'a' and <= 'z' ? next - ('a' - 'A') : next);
            }
        }

        digests.Sort();
        return digests;
    }

    private static long Digest(ReadOnlySpan<byte> value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(value, hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
