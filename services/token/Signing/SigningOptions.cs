using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Token.Signing;

/// <summary>The signing keys (section <c>AtotiAuth:Token:Signing</c>); see docs/keys.md.</summary>
public sealed class SigningOptions : IBoundOptions<SigningOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Token:Signing";

    static void IBoundOptions<SigningOptions>.Bind(IConfiguration section, SigningOptions options) => section.Bind(options);

    /// <summary>
    /// Directory holding the key files (PEM, JWK, or Atoti's base64 DER pair), typically a Kubernetes
    /// Secret mounted as a volume. Required unless <see cref="GenerateEphemeralKey"/> is on: a token
    /// service with a key nobody else has would issue tokens no replica after a restart can vouch for.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// The <c>kid</c> that signs. An <c>active</c> file in <see cref="KeyDirectory"/> (its content a
    /// <c>kid</c>) takes precedence, since it changes with the Secret and needs no restart; when neither
    /// is set and the directory holds a single key, that key signs.
    /// </summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// Signing algorithm: RS512 (default, as Atoti signs), RS256, RS384, PS256, PS384, PS512, ES256,
    /// ES384, ES512, or HS256 (then a secret of 256 bits or more, which is never published).
    /// </summary>
    [Required]
    public string Algorithm { get; set; } = "RS512";

    /// <summary>
    /// How long a newly seen key is published in the JWKS before it may sign. Default 10 minutes: the
    /// JWKS max-age (5 minutes) plus the verifiers' own refresh interval (5 minutes), so every verifier
    /// knows the key before the first token signed with it arrives. Keys present at start sign at once.
    /// </summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan PublishLead { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the directory is re-read. Default 10 seconds. Kubernetes updates a mounted Secret by
    /// swapping a symlink, which file watchers miss; a poll of a few small files is cheap and sure.
    /// </summary>
    [TimeSpanRange("00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Generates an RSA 3072 key in memory when no <see cref="KeyDirectory"/> is set, as Atoti does.
    /// Default false; only the standalone host turns it on, for local use: its tokens die with the process.
    /// </summary>
    public bool GenerateEphemeralKey { get; set; }
}
