using System.Net;
using System.Text.Json;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtotiAuth.Integration.Tests.Token;

public sealed class TokenEndpointTests(RedisFixture redis) : TokenServiceTestBase(redis)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/jwt")]
    [InlineData("/activeviam/jwt/rest/v3/token")]
    public async Task Jwt_ValidSession_Returns200WithToken(string path)
    {
        var service = StartTokenService();
        var (session, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();

        using var response = await client.GetJwtAsync(cookie, path: path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var token = new JsonWebToken(await response.ReadTokenAsync());
        Assert.Equal("alice", token.Subject);
        Assert.Equal(session.Id, token.GetPayloadValue<string>("sid"));
        Assert.Equal(service.Url, token.Issuer);
    }

    [Fact]
    public async Task Jwt_NoSession_Returns401WithoutChallengeOrRedirect()
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var response = await client.GetJwtAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Null(response.Headers.Location);
        Assert.Equal("missing_credentials", await response.ReadProblemCodeAsync());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("unknownid.unknownsecret")]
    [InlineData("%00.%0a")]
    public async Task Jwt_ForgedCookie_Returns401(string value)
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var response = await client.GetJwtAsync($"ATOTIAUTH_SESSION={value}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("session_invalid", await response.ReadProblemCodeAsync());
    }

    [Fact]
    public async Task Jwt_RevokedSession_Returns401BeforeTheCacheExpires()
    {
        var service = StartTokenService(new Dictionary<string, string?> { ["AtotiAuth:Session:CacheDuration"] = "00:01:00" });
        var (session, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        using (var before = await client.GetJwtAsync(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await service.RevokeAsync(session.Id);

        // The revocation reaches the cache over Redis pub/sub, within milliseconds: far before the
        // minute the cached entry would otherwise live.
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 50 && status == HttpStatusCode.OK; attempt++)
        {
            using var after = await client.GetJwtAsync(cookie);
            status = after.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(20, Cancel);
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Jwt_UserWithoutRequiredRole_Returns403()
    {
        var service = StartTokenService();
        var (_, cookie) = await service.LogInAsync("bob", "ROLE_SHARE");
        using var client = service.CreateRealClient();

        using var response = await client.GetJwtAsync(cookie);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("missing_role", await response.ReadProblemCodeAsync());
    }

    [Fact]
    public async Task Jwt_AdminWithoutRoleUser_Returns200()
    {
        var service = StartTokenService();
        var (_, cookie) = await service.LogInAsync("root", "ROLE_ADMIN");
        using var client = service.CreateRealClient();

        using var response = await client.GetJwtAsync(cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Jwt_ConfiguredRequiredRole_IsEnforced()
    {
        var service = StartTokenService(new Dictionary<string, string?> { ["AtotiAuth:Token:RequiredRoles:0"] = "ROLE_ANALYST" });
        var (_, user) = await service.LogInAsync("alice", "ROLE_USER");
        var (_, analyst) = await service.LogInAsync("ana", "ROLE_ANALYST");
        using var client = service.CreateRealClient();

        using var refused = await client.GetJwtAsync(user);
        using var accepted = await client.GetJwtAsync(analyst);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Jwt_LegacyResponseBodySetting_ReturnsAtoti5Shape()
    {
        var service = StartTokenService(new Dictionary<string, string?> { ["AtotiAuth:Token:LegacyResponseBody"] = "true" });
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();

        using var response = await client.GetJwtAsync(cookie);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("success", body.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("data").GetProperty("token").GetString()));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Jwt")]
    public async Task Jwt_TokenCaller_GetsSameTokenBack(string scheme)
    {
        var service = StartTokenService();
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        using var first = await client.GetJwtAsync(cookie);
        var token = await first.ReadTokenAsync();

        using var echoed = await client.GetJwtAsync(authorization: $"{scheme} {token}");

        Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
        Assert.Equal(token, await echoed.ReadTokenAsync());
    }

    [Fact]
    public async Task Jwt_TokenCallerOfRevokedSession_Returns401()
    {
        var service = StartTokenService();
        var (session, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        using var first = await client.GetJwtAsync(cookie);
        var token = await first.ReadTokenAsync();
        await service.RevokeAsync(session.Id);

        using var response = await client.GetJwtAsync(authorization: $"Bearer {token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("session_revoked", await response.ReadProblemCodeAsync());
    }

    [Fact]
    public async Task Jwt_TamperedBearer_Returns401()
    {
        var service = StartTokenService();
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        using var first = await client.GetJwtAsync(cookie);
        var parts = (await first.ReadTokenAsync()).Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"sub":"root","authorities":["ROLE_ADMIN"]}""");

        using var response = await client.GetJwtAsync(authorization: $"Bearer {parts[0]}.{payload}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_token", await response.ReadProblemCodeAsync());
    }
}
