using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>How every AtotiAuth container runs here: as in production, read-only with a tmpfs <c>/tmp</c>, ready on <c>/readyz</c>.</summary>
internal static class AtotiAuthContainerDefaults
{
    public static TBuilder WithAtotiAuthDefaults<TBuilder, TContainer, TConfiguration>(this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithPortBinding(AtotiAuthImages.HttpPort, true)
            .WithTmpfsMount("/tmp")
            .WithCreateParameterModifier(static parameters => (parameters.HostConfig ??= new()).ReadonlyRootfs = true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(static r => r.ForPort(AtotiAuthImages.HttpPort).ForPath("/readyz")));
    }
}
