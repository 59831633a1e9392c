using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Ping.Tests.Cookies;

public sealed class CubeCookieProtectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public void Unprotect_OwnCookie_ReturnsThePayload()
    {
        var protector = new CubeCookieProtector(_keys, "risk");
        var payload = new CubeCookiePayload("risk", "sid-1", "alice", Now.AddMinutes(15));

        var opened = protector.Unprotect(protector.Protect(payload));

        Assert.Equal(payload, opened);
    }

    [Fact]
    public void Unprotect_AnotherCubesCookie_ReturnsNull()
    {
        var risk = new CubeCookieProtector(_keys, "risk");
        var pnl = new CubeCookieProtector(_keys, "pnl");

        var cookie = risk.Protect(new CubeCookiePayload("risk", "sid-1", "alice", Now.AddMinutes(15)));

        Assert.Null(pnl.Unprotect(cookie));
    }

    [Fact]
    public void Unprotect_PayloadNamingAnotherCube_ReturnsNull()
    {
        var risk = new CubeCookieProtector(_keys, "risk");

        var cookie = risk.Protect(new CubeCookiePayload("pnl", "sid-1", "alice", Now.AddMinutes(15)));

        Assert.Null(risk.Unprotect(cookie));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cookie")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%%%%")]
    public void Unprotect_ForgedValue_ReturnsNull(string value)
    {
        Assert.Null(new CubeCookieProtector(_keys, "risk").Unprotect(value));
    }

    [Fact]
    public void Unprotect_OneCharacterChanged_ReturnsNull()
    {
        var protector = new CubeCookieProtector(_keys, "risk");
        var cookie = protector.Protect(new CubeCookiePayload("risk", "sid-1", "alice", Now.AddMinutes(15)));
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];

        Assert.Null(protector.Unprotect(tampered));
    }

    [Fact]
    public void Append_FiveHundredRoles_CookieStaysSmallWithAttributes()
    {
        var time = new FakeTimeProvider(Now);
        var options = Options.Create(new PingOptions { CubeUrl = "http://127.0.0.1:9090", CubeId = "risk", CookieName = "RISK_CUBE", CookieSameSite = SameSiteMode.None });
        var writer = new CubeCookieWriter(new CubeCookieProtector(_keys, options), options, time);
        var roles = Enumerable.Range(0, 500).Select(static i => $"ROLE_DESK_{i:D4}_READER").ToArray();
        var context = new DefaultHttpContext();

        writer.Append(context, new AtotiAuthCaller("sid-1", "alice@example.com", roles, Now.AddMinutes(15)));

        var header = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("RISK_CUBE=", header, StringComparison.Ordinal);
        Assert.True(header.Length < 1024, $"Set-Cookie is {header.Length} characters");
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=none", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=900", header, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Append_SameTokenLater_SameValueAndMaxAgeCountsDown()
    {
        var time = new FakeTimeProvider(Now);
        var options = Options.Create(new PingOptions { CubeUrl = "http://127.0.0.1:9090", CubeId = "risk", CookieName = "RISK_CUBE" });
        var writer = new CubeCookieWriter(new CubeCookieProtector(_keys, options), options, time);
        var caller = new AtotiAuthCaller("sid-1", "alice", ["ROLE_USER"], Now.AddMinutes(15));

        string Write()
        {
            var context = new DefaultHttpContext();
            writer.Append(context, caller);
            return context.Response.Headers.SetCookie.ToString();
        }

        time.Advance(TimeSpan.FromMilliseconds(200));
        var first = Write();
        time.Advance(TimeSpan.FromMilliseconds(600));
        var sameSecond = Write();
        time.Advance(TimeSpan.FromSeconds(61));
        var later = Write();

        Assert.Equal(first, sameSecond);
        Assert.Contains("max-age=899", sameSecond, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=838", later, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first.Split(';')[0], later.Split(';')[0]);
        Assert.Contains("expires=" + Now.AddMinutes(15).ToString("R", System.Globalization.CultureInfo.InvariantCulture), later, StringComparison.OrdinalIgnoreCase);
    }
}
