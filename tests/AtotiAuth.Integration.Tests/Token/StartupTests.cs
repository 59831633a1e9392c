using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Token;

public sealed class StartupTests(RedisFixture redis) : TokenServiceTestBase(redis)
{
    [Theory]
    [InlineData("AtotiAuth:Token:Issuer", "", "AtotiAuth:Token:Issuer")]
    [InlineData("AtotiAuth:Token:Signing:KeyDirectory", "", "AtotiAuth:Token:Signing:KeyDirectory")]
    [InlineData("AtotiAuth:Token:Signing:KeyDirectory", "/nonexistent/keys", "AtotiAuth:Token:Signing:KeyDirectory")]
    [InlineData("AtotiAuth:Token:Signing:Algorithm", "HS256", "AtotiAuth:Token:Signing:Algorithm")]
    [InlineData("AtotiAuth:Token:Lifetime", "13:00:00", "AtotiAuth:Token:Lifetime")]
    [InlineData("AtotiAuth:Cors:AllowedOrigins:0", "*", "AtotiAuth:Cors:AllowedOrigins:0")]
    public void TokenService_BadSetting_RefusesToStartNamingIt(string key, string value, string named)
    {
        var error = Assert.ThrowsAny<Exception>(() => StartTokenService(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void TokenService_WeakKey_RefusesToStartNamingTheFile()
    {
        Keys.AddRsaPem("weak", bits: 1024);

        var error = Assert.ThrowsAny<Exception>(() => StartTokenService());

        Assert.Contains("weak.pem", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : error.Message + " | " + error.InnerException?.Message;
}
