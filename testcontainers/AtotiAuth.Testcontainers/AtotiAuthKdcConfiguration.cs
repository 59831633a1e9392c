using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>The configuration of an <see cref="AtotiAuthKdcContainer"/>.</summary>
public sealed class AtotiAuthKdcConfiguration : ContainerConfiguration
{
    /// <summary>Initializes an empty configuration.</summary>
    public AtotiAuthKdcConfiguration()
    {
    }

    internal AtotiAuthKdcConfiguration(
        string? realm = null,
        IEnumerable<KeyValuePair<string, string>>? users = null,
        IEnumerable<string>? servicePrincipals = null)
    {
        Realm = realm;
        Users = [.. users ?? []];
        ServicePrincipals = [.. servicePrincipals ?? []];
    }

    /// <summary>Initializes a configuration from Docker's resource configuration.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public AtotiAuthKdcConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Initializes a configuration from a container configuration.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public AtotiAuthKdcConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public AtotiAuthKdcConfiguration(AtotiAuthKdcConfiguration resourceConfiguration)
        : this(new AtotiAuthKdcConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the new one's values win, lists add up.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public AtotiAuthKdcConfiguration(AtotiAuthKdcConfiguration oldValue, AtotiAuthKdcConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Realm = newValue.Realm ?? oldValue.Realm;
        Users = [.. oldValue.Users, .. newValue.Users];
        ServicePrincipals = [.. oldValue.ServicePrincipals, .. newValue.ServicePrincipals];
    }

    /// <summary>The realm (<c>EXAMPLE.TEST</c> when not set).</summary>
    public string? Realm { get; }

    /// <summary>The users made at start, name and password (the image's alice, bob and admin when none).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Users { get; } = [];

    /// <summary>The service principals made at start, with random keys (e.g. <c>HTTP/auth.example.test</c>).</summary>
    public IReadOnlyList<string> ServicePrincipals { get; } = [];
}
