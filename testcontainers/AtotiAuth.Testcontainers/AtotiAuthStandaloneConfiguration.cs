using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>The configuration of an <see cref="AtotiAuthStandaloneContainer"/>.</summary>
public sealed class AtotiAuthStandaloneConfiguration : ContainerConfiguration
{
    /// <summary>Initializes an empty configuration.</summary>
    public AtotiAuthStandaloneConfiguration()
    {
    }

    internal AtotiAuthStandaloneConfiguration(
        IEnumerable<AtotiAuthUser>? users = null,
        IEnumerable<RoleSeed>? roleSeeds = null,
        string? issuer = null,
        string? generatedKeyDirectory = null,
        string? kerberosDirectory = null)
    {
        Users = [.. users ?? []];
        RoleSeeds = [.. roleSeeds ?? []];
        Issuer = issuer;
        GeneratedKeyDirectory = generatedKeyDirectory;
        KerberosDirectory = kerberosDirectory;
    }

    /// <summary>Initializes a configuration from Docker's resource configuration.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public AtotiAuthStandaloneConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a container configuration.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public AtotiAuthStandaloneConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public AtotiAuthStandaloneConfiguration(AtotiAuthStandaloneConfiguration resourceConfiguration)
        : this(new AtotiAuthStandaloneConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the new one's values win, lists add up.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public AtotiAuthStandaloneConfiguration(AtotiAuthStandaloneConfiguration oldValue, AtotiAuthStandaloneConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Users = [.. oldValue.Users, .. newValue.Users];
        RoleSeeds = [.. oldValue.RoleSeeds, .. newValue.RoleSeeds];
        Issuer = newValue.Issuer ?? oldValue.Issuer;
        GeneratedKeyDirectory = newValue.GeneratedKeyDirectory ?? oldValue.GeneratedKeyDirectory;
        KerberosDirectory = newValue.KerberosDirectory ?? oldValue.KerberosDirectory;
    }

    /// <summary>The basic users seeded at start.</summary>
    public IReadOnlyList<AtotiAuthUser> Users { get; } = [];

    /// <summary>The JWTs' issuer (<c>AtotiAuth:Token:Issuer</c>); chosen at build when not set.</summary>
    public string? Issuer { get; }

    internal IReadOnlyList<RoleSeed> RoleSeeds { get; } = [];

    internal string? GeneratedKeyDirectory { get; }

    /// <summary>The host folder holding the keytab <see cref="AtotiAuthStandaloneBuilder.WithKerberos"/> wrote; deleted with the container.</summary>
    internal string? KerberosDirectory { get; }
}
