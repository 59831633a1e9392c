using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// One identity host (<see cref="IdentityApp"/> with its default users) for a test class whose tests
/// only read, or write only keys of their own, instead of a host per test.
/// </summary>
public sealed class IdentityAppFixture(RedisFixture redis) : IAsyncDisposable
{
    private IdentityApp? _app;

    public IdentityApp App => _app ??= new IdentityApp(redis);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
