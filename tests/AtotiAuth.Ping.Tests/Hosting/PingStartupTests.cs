using AtotiAuth.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Ping.Tests.Hosting;

public sealed class PingStartupTests
{
    [Fact]
    public void Start_WithoutCubeUrl_RefusesNamingTheSetting()
    {
        using var factory = new WebApplicationFactory<PingServiceMarker>()
            .WithWebHostBuilder(static b => b.UseSetting("AtotiAuth:Store:Redis", "127.0.0.1:1,connectTimeout=200"));

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("AtotiAuth:Ping:CubeUrl", StartupFailure.AllMessages(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative")]
    public void Start_WithMalformedCubeUrl_RefusesNamingTheSetting(string cubeUrl)
    {
        using var factory = new WebApplicationFactory<PingServiceMarker>()
            .WithWebHostBuilder(b => b
                .UseSetting("AtotiAuth:Store:Redis", "127.0.0.1:1,connectTimeout=200")
                .UseSetting("AtotiAuth:Ping:CubeUrl", cubeUrl));

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("AtotiAuth:Ping:CubeUrl", StartupFailure.AllMessages(error), StringComparison.Ordinal);
    }
}
