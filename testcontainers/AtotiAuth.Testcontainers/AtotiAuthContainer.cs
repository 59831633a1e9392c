using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>A running AtotiAuth image: its address from the host and, on a network, from the other containers.</summary>
public abstract class AtotiAuthContainer : DockerContainer
{
    private readonly IContainerConfiguration _configuration;

    /// <summary>Initializes the container from its configuration.</summary>
    /// <param name="configuration">The container configuration.</param>
    protected AtotiAuthContainer(IContainerConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The service as the host reaches it, e.g. <c>http://127.0.0.1:49153/</c> (the container must be started).</summary>
    public Uri GetBaseAddress() => new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(AtotiAuthImages.HttpPort)).Uri;

    /// <summary>The service as the containers of its network reach it (first network alias), e.g. <c>http://token:8080/</c>; null without an alias.</summary>
    public Uri? NetworkAddress => _configuration.NetworkAliases?.FirstOrDefault() is { } alias
        ? new UriBuilder(Uri.UriSchemeHttp, alias, AtotiAuthImages.HttpPort).Uri
        : null;

    /// <summary>The value of an environment variable the container was configured with, or null.</summary>
    /// <param name="name">The variable, e.g. <c>AtotiAuth__Token__Issuer</c>.</param>
    public string? GetSetting(string name) =>
        _configuration.Environments is { } environment && environment.TryGetValue(name, out var value) ? value : null;

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        (_configuration as AtotiAuthServiceConfiguration)?.DeleteHostFolders();
    }
}
