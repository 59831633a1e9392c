using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>The configuration of an <see cref="AtotiAuthTokenContainer"/>.</summary>
public sealed class AtotiAuthTokenConfiguration : ContainerConfiguration
{
    /// <summary>Initializes an empty configuration.</summary>
    public AtotiAuthTokenConfiguration()
    {
    }

    internal AtotiAuthTokenConfiguration(
        string? issuer = null,
        string? keyDirectory = null,
        string? generatedKeyDirectory = null)
    {
        Issuer = issuer;
        KeyDirectory = keyDirectory;
        GeneratedKeyDirectory = generatedKeyDirectory;
    }

    /// <summary>Initializes a configuration from Docker's resource configuration.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public AtotiAuthTokenConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a container configuration.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public AtotiAuthTokenConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public AtotiAuthTokenConfiguration(AtotiAuthTokenConfiguration resourceConfiguration)
        : this(new AtotiAuthTokenConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the new one's values win.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public AtotiAuthTokenConfiguration(AtotiAuthTokenConfiguration oldValue, AtotiAuthTokenConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Issuer = newValue.Issuer ?? oldValue.Issuer;
        KeyDirectory = newValue.KeyDirectory ?? oldValue.KeyDirectory;
        GeneratedKeyDirectory = newValue.GeneratedKeyDirectory ?? oldValue.GeneratedKeyDirectory;
    }

    /// <summary>The JWTs' issuer (<c>AtotiAuth:Token:Issuer</c>); chosen at build when not set.</summary>
    public string? Issuer { get; }

    /// <summary>The host directory mounted as the key directory (given, or generated at build).</summary>
    public string? KeyDirectory { get; }

    internal string? GeneratedKeyDirectory { get; }
}
