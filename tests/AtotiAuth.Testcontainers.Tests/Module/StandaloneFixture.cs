namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>One standalone host for the class: seeded users, a role mapping and individual roles.</summary>
public sealed class StandaloneFixture : IAsyncLifetime
{
    public const string AlicePassword = "alice-password-1";
    public const string BobPassword = "bob-password-1";
    public const string DavePassword = "dave-password-1";

    private AtotiAuthStandaloneContainer? _container;

    public AtotiAuthStandaloneContainer Container => _container ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        if (!ServiceImages.CanRun(AtotiAuthImages.Standalone))
        {
            return;
        }

        _container = new AtotiAuthStandaloneBuilder()
            .WithUser("alice", AlicePassword, "ROLE_TRADER")
            .WithUser("bob", BobPassword)
            .WithUser("dave", DavePassword)
            .WithRoleMapping("basic", "user:bob", "ROLE_MAPPED")
            .WithIndividualRoles("dave", "ROLE_USER", "ROLE_DESK")
            .Build();
        await _container.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
