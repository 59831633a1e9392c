using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The Kerberos provider of the identity side (identity service, standalone host) as operators set it up:
/// the keytab in a folder mounted read-only at <see cref="MountPath"/> (a Secret), a tmpfs at
/// <c>/var/tmp</c> for GSSAPI's replay cache, the service principal and keytab settings.
/// </summary>
internal static class KerberosKeytabDirectory
{
    public const string MountPath = "/etc/atotiauth/kerberos";
    public const string KeytabPath = MountPath + "/service.keytab";
    public const string ServicePrincipalSetting = "AtotiAuth__Identity__Kerberos__ServicePrincipal";

    public static string Write(byte[] keytab) => HostFolder.CreateWith("atotiauth-testcontainers-keytab-", "service.keytab", keytab);

    public static TBuilder WithKerberosProvider<TBuilder, TContainer, TConfiguration>(this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, string servicePrincipal, string directory)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithBindMount(directory, MountPath, AccessMode.ReadOnly)
            .WithTmpfsMount("/var/tmp")
            .WithEnvironment(ServicePrincipalSetting, servicePrincipal)
            .WithEnvironment("AtotiAuth__Identity__Kerberos__Keytab", KeytabPath);
    }
}
