using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>The configuration of an <see cref="AtotiAuthIdentityContainer"/>.</summary>
public sealed class AtotiAuthIdentityConfiguration : ContainerConfiguration
{
    /// <summary>Initializes an empty configuration.</summary>
    public AtotiAuthIdentityConfiguration()
    {
    }

    internal AtotiAuthIdentityConfiguration(
        IEnumerable<AtotiAuthUser>? users = null,
        IEnumerable<RoleSeed>? roleSeeds = null,
        string? kerberosDirectory = null)
    {
        Users = [.. users ?? []];
        RoleSeeds = [.. roleSeeds ?? []];
        KerberosDirectory = kerberosDirectory;
    }

    /// <summary>Initializes a configuration from Docker's resource configuration.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public AtotiAuthIdentityConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a container configuration.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public AtotiAuthIdentityConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public AtotiAuthIdentityConfiguration(AtotiAuthIdentityConfiguration resourceConfiguration)
        : this(new AtotiAuthIdentityConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the new one's values win, lists add up.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public AtotiAuthIdentityConfiguration(AtotiAuthIdentityConfiguration oldValue, AtotiAuthIdentityConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Users = [.. oldValue.Users, .. newValue.Users];
        RoleSeeds = [.. oldValue.RoleSeeds, .. newValue.RoleSeeds];
        KerberosDirectory = newValue.KerberosDirectory ?? oldValue.KerberosDirectory;
    }

    /// <summary>The basic users seeded at start.</summary>
    public IReadOnlyList<AtotiAuthUser> Users { get; } = [];

    internal IReadOnlyList<RoleSeed> RoleSeeds { get; } = [];

    /// <summary>The host folder holding the keytab <see cref="AtotiAuthIdentityBuilder.WithKerberos"/> wrote; deleted with the container.</summary>
    internal string? KerberosDirectory { get; }
}
