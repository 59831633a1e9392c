using AtotiAuth.Ping.Proxy;
using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AtotiAuth.Ping.Tests.Proxy;

public sealed class WebSocketOriginsTests
{
    private readonly WebSocketOrigins _origins = Create("https://ui.example.com", "http://localhost:3000");

    [Theory]
    [InlineData("https://ui.example.com")]
    [InlineData("http://localhost:3000")]
    public void IsAllowed_ConfiguredOrigin_True(string origin)
    {
        Assert.True(_origins.IsAllowed(origin));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://ui.example.com.evil.com")]
    [InlineData("http://ui.example.com")]
    [InlineData("https://ui.example.com:443")]
    [InlineData("https://UI.example.com")]
    [InlineData("https://ui.example.com/")]
    [InlineData("null")]
    [InlineData("")]
    public void IsAllowed_OtherOrigin_False(string origin)
    {
        Assert.False(_origins.IsAllowed(origin));
    }

    [Fact]
    public void IsAllowed_NoOrigin_False()
    {
        Assert.False(_origins.IsAllowed(StringValues.Empty));
    }

    [Fact]
    public void IsAllowed_TwoOrigins_False()
    {
        Assert.False(_origins.IsAllowed(new StringValues(["https://ui.example.com", "https://evil.example.com"])));
    }

    [Fact]
    public void IsUpgrade_WebSocketHandshake_True()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Upgrade = "websocket";

        Assert.True(WebSocketOrigins.IsUpgrade(context));
    }

    [Fact]
    public void IsUpgrade_PlainGet_False()
    {
        Assert.False(WebSocketOrigins.IsUpgrade(new DefaultHttpContext()));
    }

    private static WebSocketOrigins Create(params string[] origins)
    {
        var options = new UiCorsOptions();
        foreach (var origin in origins)
        {
            options.AllowedOrigins.Add(origin);
        }

        return new WebSocketOrigins(Options.Create(options));
    }
}
