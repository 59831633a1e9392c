using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>The configuration of an <see cref="AtotiAuthPingContainer"/>.</summary>
public sealed class AtotiAuthPingConfiguration : ContainerConfiguration
{
    /// <summary>Initializes an empty configuration.</summary>
    public AtotiAuthPingConfiguration()
    {
    }

    /// <summary>Initializes a configuration from Docker's resource configuration.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public AtotiAuthPingConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a container configuration.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public AtotiAuthPingConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public AtotiAuthPingConfiguration(AtotiAuthPingConfiguration resourceConfiguration)
        : this(new AtotiAuthPingConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the new one's values win.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public AtotiAuthPingConfiguration(AtotiAuthPingConfiguration oldValue, AtotiAuthPingConfiguration newValue)
        : base(oldValue, newValue)
    {
    }
}
