using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the standalone host (identity and token in one process, in-memory store by default) with
/// seeded basic users, roles and signing keys. Ready when <c>/readyz</c> answers and the roles are in.
/// </summary>
/// <example>
/// <code>
/// await using var auth = new AtotiAuthStandaloneBuilder()
///     .WithUser("alice", "alice-password", "ROLE_TRADER")
///     .Build();
/// await auth.StartAsync();
/// var jwt = await auth.GetJwtAsync("alice", "alice-password");
/// </code>
/// </example>
public sealed class AtotiAuthStandaloneBuilder : AtotiAuthLoginBuilder<AtotiAuthStandaloneBuilder, AtotiAuthStandaloneContainer>
{
    /// <summary>A builder for <see cref="AtotiAuthImages.Standalone"/>.</summary>
    public AtotiAuthStandaloneBuilder()
        : this(AtotiAuthImages.Standalone)
    {
    }

    /// <summary>A builder for another image of the standalone host.</summary>
    /// <param name="image">The full image name, e.g. <c>registry.example.com/atotiauth/standalone:1.2</c>.</param>
    public AtotiAuthStandaloneBuilder(string image)
        : base(new AtotiAuthServiceConfiguration())
    {
        UseImage(image);
    }

    private AtotiAuthStandaloneBuilder(AtotiAuthServiceConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>
    /// Sets the JWTs' issuer. By default it is the host address, <c>http://127.0.0.1:{port}</c>, on a
    /// host port chosen at build: right for verifiers on the host. For verifiers in containers on a
    /// network, give an address they reach, e.g. <c>http://auth:8080</c> with network alias <c>auth</c>.
    /// </summary>
    /// <param name="issuer">The issuer URL, no trailing slash.</param>
    public AtotiAuthStandaloneBuilder WithIssuer(string issuer) => WithIssuerSetting(issuer);

    /// <summary>Signs with the keys of a directory of the host (docs/keys.md), mounted read-only; by default the host generates a key in memory.</summary>
    /// <param name="hostDirectory">The key directory; its files must be readable by UID 1654.</param>
    public AtotiAuthStandaloneBuilder WithSigningKeyDirectory(string hostDirectory) => WithKeyDirectorySetting(hostDirectory);

    /// <summary>Signs with a new RSA key written to a temporary key directory (deleted with the container), as the split token service does.</summary>
    public AtotiAuthStandaloneBuilder WithGeneratedSigningKey() => WithKeyDirectorySetting(SigningKeyDirectory.Generate(), generated: true);

    /// <inheritdoc />
    public override AtotiAuthStandaloneContainer Build()
    {
        Validate();
        var builder = WithSeededRoles();
        if (builder.DockerResourceConfiguration.Issuer is null)
        {
            var port = FreeHostPort();
            builder = builder.WithPortBinding(port, AtotiAuthImages.HttpPort)
                .WithIssuer(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }

        return new AtotiAuthStandaloneContainer(builder.DockerResourceConfiguration);
    }

    private protected override AtotiAuthStandaloneBuilder Create(AtotiAuthServiceConfiguration resourceConfiguration) => new(resourceConfiguration);

    private static int FreeHostPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
