namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the identity service (login, logout, sessions, admin API) on Redis, with seeded basic
/// users and roles. Ready when <c>/readyz</c> answers (Redis included) and the roles are in. Several
/// replicas may share one Redis: roles seeded by one are seen by all.
/// </summary>
public sealed class AtotiAuthIdentityBuilder : AtotiAuthLoginBuilder<AtotiAuthIdentityBuilder, AtotiAuthIdentityContainer>
{
    /// <summary>A builder for <see cref="AtotiAuthImages.Identity"/>.</summary>
    public AtotiAuthIdentityBuilder()
        : this(AtotiAuthImages.Identity)
    {
    }

    /// <summary>A builder for another image of the identity service.</summary>
    /// <param name="image">The full image name.</param>
    public AtotiAuthIdentityBuilder(string image)
        : base(new AtotiAuthServiceConfiguration())
    {
        UseImage(image);
    }

    private AtotiAuthIdentityBuilder(AtotiAuthServiceConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <inheritdoc />
    public override AtotiAuthIdentityContainer Build()
    {
        Validate();
        return new AtotiAuthIdentityContainer(WithSeededRoles().DockerResourceConfiguration);
    }

    private protected override AtotiAuthIdentityBuilder Create(AtotiAuthServiceConfiguration resourceConfiguration) => new(resourceConfiguration);
}
