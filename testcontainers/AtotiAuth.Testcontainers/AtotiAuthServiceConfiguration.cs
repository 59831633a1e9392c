using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The configuration of an identity, token or standalone container: Docker's settings plus the users
/// and roles to seed, the issuer and the host folders (keys, keytab) deleted with the container.
/// </summary>
public sealed class AtotiAuthServiceConfiguration : ContainerConfiguration
{
    /// <summary>Initializes an empty configuration.</summary>
    public AtotiAuthServiceConfiguration()
    {
    }

    internal AtotiAuthServiceConfiguration(
        IEnumerable<AtotiAuthUser>? users = null,
        IEnumerable<RoleSeed>? roleSeeds = null,
        string? issuer = null,
        string? keyDirectory = null,
        string? generatedKeyDirectory = null,
        string? kerberosDirectory = null)
    {
        Users = [.. users ?? []];
        RoleSeeds = [.. roleSeeds ?? []];
        Issuer = issuer;
        KeyDirectory = keyDirectory;
        GeneratedKeyDirectory = generatedKeyDirectory;
        KerberosDirectory = kerberosDirectory;
    }

    /// <summary>Initializes a configuration from Docker's resource configuration.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public AtotiAuthServiceConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a container configuration.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public AtotiAuthServiceConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public AtotiAuthServiceConfiguration(AtotiAuthServiceConfiguration resourceConfiguration)
        : this(new AtotiAuthServiceConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the new one's values win, lists add up.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public AtotiAuthServiceConfiguration(AtotiAuthServiceConfiguration oldValue, AtotiAuthServiceConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Users = [.. oldValue.Users, .. newValue.Users];
        RoleSeeds = [.. oldValue.RoleSeeds, .. newValue.RoleSeeds];
        Issuer = newValue.Issuer ?? oldValue.Issuer;
        KeyDirectory = newValue.KeyDirectory ?? oldValue.KeyDirectory;
        GeneratedKeyDirectory = newValue.GeneratedKeyDirectory ?? oldValue.GeneratedKeyDirectory;
        KerberosDirectory = newValue.KerberosDirectory ?? oldValue.KerberosDirectory;
    }

    /// <summary>The basic users seeded at start (identity side).</summary>
    public IReadOnlyList<AtotiAuthUser> Users { get; } = [];

    /// <summary>The JWTs' issuer (<c>AtotiAuth:Token:Issuer</c>) of a host that signs them; chosen at build when not set.</summary>
    public string? Issuer { get; }

    /// <summary>The host directory mounted as the key directory (given, or generated at build).</summary>
    public string? KeyDirectory { get; }

    internal IReadOnlyList<RoleSeed> RoleSeeds { get; } = [];

    internal string? GeneratedKeyDirectory { get; }

    /// <summary>The host folder holding the keytab <c>WithKerberos</c> wrote.</summary>
    internal string? KerberosDirectory { get; }

    /// <summary>Deletes the host folders the builder wrote (a generated key, a keytab) once the container is gone.</summary>
    internal void DeleteHostFolders()
    {
        HostFolder.Delete(GeneratedKeyDirectory);
        HostFolder.Delete(KerberosDirectory);
    }
}
