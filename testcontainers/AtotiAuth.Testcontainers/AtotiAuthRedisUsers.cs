using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The Redis ACL users of a deployment, one per service, as <c>deploy/k8s/base/redis/atotiauth.acl</c> defines
/// them (the file is embedded): <c>identity</c> writes sessions, users, roles and revocations;
/// <c>token</c> and <c>ping</c> read them and hear revocations; <c>default</c> is off. Each gets a new
/// random password; <see cref="RenderAclFile"/> writes the file Redis loads with <c>--aclfile</c>.
/// </summary>
public sealed class AtotiAuthRedisUsers
{
    /// <summary>The identity service's user.</summary>
    public const string Identity = "identity";

    /// <summary>The token service's user.</summary>
    public const string Token = "token";

    /// <summary>The sidecars' user.</summary>
    public const string Ping = "ping";

    private const string ResourceName = "AtotiAuth.Testcontainers.atotiauth.acl";

    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);

    /// <summary>New random passwords for every user of the file.</summary>
    public AtotiAuthRedisUsers()
    {
        foreach (var user in UsersOf(Template))
        {
            _passwords[user] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        }
    }

    /// <summary>The ACL file of the repository, without passwords (its users cannot sign in until given one).</summary>
    public static string Template => TemplateText.Value;

    /// <summary>The password of <paramref name="user"/>.</summary>
    /// <param name="user">A user of the file, e.g. <see cref="Ping"/>.</param>
    public string PasswordOf(string user) =>
        _passwords.TryGetValue(user, out var password) ? password : throw new ArgumentException($"The ACL file has no user '{user}'.", nameof(user));

    /// <summary>The file with each user's password added as its SHA-256 (<c>#hex</c>), never in clear.</summary>
    public string RenderAclFile()
    {
        var lines = Template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (NameOf(line) is { } user && _passwords.TryGetValue(user, out var password))
            {
                lines[i] = $"{line} #{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password))).ToLowerInvariant()}";
            }
        }

        return string.Join('\n', lines);
    }

    private static readonly Lazy<string> TemplateText = new(static () =>
    {
        using var stream = typeof(AtotiAuthRedisUsers).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static IEnumerable<string> UsersOf(string file) =>
        file.Split('\n').Select(static l => NameOf(l.TrimEnd('\r'))).OfType<string>().Where(static u => u != "default");

    private static string? NameOf(string line)
    {
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "user" ? parts[1] : null;
    }
}
