using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>The token service on an identity host's Redis prefix, to read what a session's <c>/jwt</c> carries.</summary>
public sealed class TokenApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<TokenServiceMarker> _factory;

    public TokenApp(RedisFixture redis, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _factory = new WebApplicationFactory<TokenServiceMarker>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AtotiAuth:Store:Redis", redis.ConnectionString);
            b.UseSetting("AtotiAuth:Store:KeyPrefix", keyPrefix);
            b.UseSetting("AtotiAuth:Token:Issuer", IdentityApp.BaseAddress.ToString());
            b.UseSetting("AtotiAuth:Token:Signing:GenerateEphemeralKey", "true");
        });
    }

    /// <summary><c>GET /jwt</c> with a session cookie (<c>name=value</c>): the status and, on 200, the token's claims.</summary>
    public async Task<JwtAnswer> JwtAsync(string cookie)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = IdentityApp.BaseAddress, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jwt");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new JwtAnswer(response.StatusCode, [], null, null);
        }

        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["token"]!.GetValue<string>();
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
        var roles = claims["authorities"]!.AsArray().Select(static r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        return new JwtAnswer(HttpStatusCode.OK, roles, claims["sub"]?.GetValue<string>(), claims["idp"]?.GetValue<string>());
    }

    /// <summary>
    /// <c>/jwt</c> until <paramref name="done"/> holds, for at most the session cache window and a second:
    /// the token service reuses a checked session for <c>AtotiAuth:Session:CacheDuration</c> (5 s).
    /// </summary>
    public async Task<JwtAnswer> JwtOnceAsync(string cookie, Func<JwtAnswer, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answer = await JwtAsync(cookie);
        while (!done(answer) && clock.Elapsed < TimeSpan.FromSeconds(6))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            answer = await JwtAsync(cookie);
        }

        return answer;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>What <c>/jwt</c> answered: the status, and on 200 the token's roles, <c>sub</c> and <c>idp</c>.</summary>
public sealed record JwtAnswer(HttpStatusCode Status, string[] Roles, string? Subject, string? Provider);
