using System.Globalization;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the token service (<c>GET /jwt</c>, the JWKS) on Redis. Signs with a generated RSA key
/// unless given a key directory. Its issuer, unless set, is <c>http://{first network alias}:8080</c>,
/// the address its network's verifiers (sidecars) fetch the keys from.
/// </summary>
public sealed class AtotiAuthTokenBuilder : AtotiAuthServiceBuilder<AtotiAuthTokenBuilder, AtotiAuthTokenContainer>
{
    /// <summary>A builder for <see cref="AtotiAuthImages.Token"/>.</summary>
    public AtotiAuthTokenBuilder()
        : this(AtotiAuthImages.Token)
    {
    }

    /// <summary>A builder for another image of the token service.</summary>
    /// <param name="image">The full image name.</param>
    public AtotiAuthTokenBuilder(string image)
        : base(new AtotiAuthServiceConfiguration())
    {
        UseImage(image);
    }

    private AtotiAuthTokenBuilder(AtotiAuthServiceConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Sets the JWTs' issuer (<c>AtotiAuth:Token:Issuer</c>): the JWT server's URL as the verifiers reach it.</summary>
    /// <param name="issuer">The issuer URL, no trailing slash, e.g. <c>http://gateway:8080</c>.</param>
    public AtotiAuthTokenBuilder WithIssuer(string issuer) => WithIssuerSetting(issuer);

    /// <summary>Signs with the keys of a directory of the host (docs/keys.md), mounted read-only at <c>/keys</c>.</summary>
    /// <param name="hostDirectory">The key directory; its files must be readable by UID 1654.</param>
    public AtotiAuthTokenBuilder WithSigningKeyDirectory(string hostDirectory) => WithKeyDirectorySetting(hostDirectory);

    /// <summary>
    /// The identity service as the token service reaches it (<c>AtotiAuth:Token:IdentityUrl</c>), which
    /// checks the Basic credentials scripts bring to <c>/jwt</c>.
    /// </summary>
    /// <param name="identityUrl">The identity service's URL on the network, e.g. <c>http://identity:8080</c>.</param>
    public AtotiAuthTokenBuilder WithIdentityUrl(string identityUrl) =>
        WithEnvironment("AtotiAuth__Token__IdentityUrl", identityUrl);

    /// <summary>Sets the token lifetime (<c>AtotiAuth:Token:Lifetime</c>, 15 minutes by default).</summary>
    /// <param name="lifetime">The lifetime.</param>
    public AtotiAuthTokenBuilder WithLifetime(TimeSpan lifetime) =>
        WithEnvironment("AtotiAuth__Token__Lifetime", lifetime.ToString("c", CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override AtotiAuthTokenContainer Build()
    {
        Validate();
        var builder = this;
        if (DockerResourceConfiguration.Issuer is null)
        {
            var alias = DockerResourceConfiguration.NetworkAliases?.FirstOrDefault()
                ?? throw new InvalidOperationException("The token service needs an issuer: call WithIssuer, or give it a network alias (its issuer is then http://{alias}:8080).");
            builder = builder.WithIssuer(string.Create(CultureInfo.InvariantCulture, $"http://{alias}:{AtotiAuthImages.HttpPort}"));
        }

        if (builder.DockerResourceConfiguration.KeyDirectory is null)
        {
            builder = builder.WithKeyDirectorySetting(SigningKeyDirectory.Generate(), generated: true);
        }

        return new AtotiAuthTokenContainer(builder.DockerResourceConfiguration);
    }

    private protected override AtotiAuthTokenBuilder Create(AtotiAuthServiceConfiguration resourceConfiguration) => new(resourceConfiguration);
}
