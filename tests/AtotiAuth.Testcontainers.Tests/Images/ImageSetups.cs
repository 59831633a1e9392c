using AtotiAuth.Testcontainers;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers.Tests.Images;

/// <summary>Each image with the least it needs to be ready: Redis on the network for the split services, the key directory for token.</summary>
public static class ImageSetups
{
    public static readonly TheoryData<string> Images = new(ServiceImages.All);

    /// <summary>Where <see cref="For"/> mounts something.</summary>
    public static readonly string[] MountTargets = ["/keys"];

    public static ContainerBuilder For(string image, ImageNetworkFixture fixture, bool readOnly = true)
    {
        var builder = new ContainerBuilder(image)
            .WithNetwork(fixture.Network)
            .WithPortBinding(AtotiAuthImages.HttpPort, true)
            .WithLabel("org.atotiauth.test", "images");
        if (readOnly)
        {
            builder = builder.WithTmpfsMount("/tmp")
                .WithCreateParameterModifier(static p => (p.HostConfig ??= new()).ReadonlyRootfs = true);
        }

        return image switch
        {
            AtotiAuthImages.Identity => builder.WithEnvironment("AtotiAuth__Store__Redis", ImageNetworkFixture.RedisConnection),
            AtotiAuthImages.Token => builder.WithEnvironment("AtotiAuth__Store__Redis", ImageNetworkFixture.RedisConnection)
                .WithEnvironment("AtotiAuth__Token__Issuer", "http://token:8080")
                .WithBindMount(fixture.Keys.Path, "/keys", AccessMode.ReadOnly),
            AtotiAuthImages.Ping => builder.WithEnvironment("AtotiAuth__Store__Redis", ImageNetworkFixture.RedisConnection)
                .WithEnvironment("AtotiAuth__Ping__CubeUrl", "http://cube:8080")
                .WithEnvironment("AtotiAuth__Ping__CubeId", "cube")
                .WithEnvironment("AtotiAuth__Jwt__Authority", "http://token:8080")
                .WithEnvironment("AtotiAuth__Jwt__AllowHttpAuthority", "true"),
            _ => builder,
        };
    }

    public static Uri Url(IContainer container, string path) =>
        new UriBuilder(Uri.UriSchemeHttp, container.Hostname, container.GetMappedPublicPort(AtotiAuthImages.HttpPort), path).Uri;
}
