using System.Text.Json;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;
using AtotiAuth.Token.Issuance;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace AtotiAuth.Token.Tests.Issuance;

public sealed class TokenIssuerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TestKeyDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly TokenOptions _options = new() { Issuer = "https://auth.example.com/", Lifetime = TimeSpan.FromMinutes(15) };
    private readonly SigningKeySet _keys;
    private readonly TokenIssuer _issuer;

    public TokenIssuerTests()
    {
        _directory.AddRsaPem("k1");
        _keys = new SigningKeySet(
            OptionsFactory.Create(new SigningOptions { KeyDirectory = _directory.Path, PublishLead = TimeSpan.Zero }),
            OptionsFactory.Create(_options),
            _time,
            NullLogger<SigningKeySet>.Instance);
        _issuer = new TokenIssuer(_keys, OptionsFactory.Create(_options), _time);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Issue_Session_WritesAtotiAndRegisteredClaims()
    {
        var token = new JsonWebToken(_issuer.Issue(Session()));

        Assert.Equal("RS512", token.Alg);
        Assert.Equal("k1", token.Kid);
        Assert.Equal("https://auth.example.com", token.Issuer);
        Assert.Equal(["atoti"], token.Audiences);
        Assert.Equal("alice", token.Subject);
        Assert.Equal("s-1", token.GetPayloadValue<string>("sid"));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(Start.UtcDateTime, token.IssuedAt);
        Assert.Equal(Start.UtcDateTime, token.ValidFrom);
        Assert.Equal(Start.UtcDateTime.AddMinutes(15), token.ValidTo);
        var authorities = token.GetPayloadValue<JsonElement>("authorities");
        Assert.Equal(JsonValueKind.Array, authorities.ValueKind);
        Assert.Equal(["ROLE_USER", "ROLE_SHARE"], authorities.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Build_ConfiguredClaimNames_AreUsed()
    {
        var options = new TokenOptions { Issuer = "https://a", PrincipalClaim = "principal", AuthoritiesClaim = "roles" };

        var claims = TokenClaims.Build(Session(), options, "id");

        Assert.Equal("alice", claims["principal"]);
        Assert.Equal(["ROLE_USER", "ROLE_SHARE"], Assert.IsType<string[]>(claims["roles"]));
        Assert.Equal("s-1", claims["sid"]);
        Assert.Equal("id", claims["jti"]);
        Assert.False(claims.ContainsKey("sub"));
    }

    [Fact]
    public void Issue_SessionEndingBeforeLifetime_ExpiresWithSession()
    {
        var session = Session() with { ExpiresAt = Start.AddMinutes(3) };

        var token = new JsonWebToken(_issuer.Issue(session));

        Assert.Equal(Start.UtcDateTime.AddMinutes(3), token.ValidTo);
    }

    [Fact]
    public void Issue_WithinHalfLifetime_ReturnsSameToken()
    {
        var first = _issuer.Issue(Session());
        _time.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(first, _issuer.Issue(Session()));
    }

    [Fact]
    public void Issue_AfterHalfLifetime_SignsNewToken()
    {
        var first = _issuer.Issue(Session());
        _time.Advance(TimeSpan.FromMinutes(7.5));

        var second = _issuer.Issue(Session());

        Assert.NotEqual(first, second);
        Assert.Equal(Start.UtcDateTime.AddMinutes(22.5), new JsonWebToken(second).ValidTo);
    }

    [Fact]
    public void Issue_AfterKeyRotation_SignsWithNewKeyAtOnce()
    {
        var first = new JsonWebToken(_issuer.Issue(Session()));
        _directory.AddRsaPem("k2");
        _directory.SetActive("k2");
        _keys.Reload(strict: false);

        var second = new JsonWebToken(_issuer.Issue(Session()));

        Assert.Equal("k1", first.Kid);
        Assert.Equal("k2", second.Kid);
    }

    [Fact]
    public void Issue_OtherSession_GetsOwnToken()
    {
        var first = _issuer.Issue(Session());

        var other = _issuer.Issue(Session() with { Id = "s-2" });

        Assert.NotEqual(first, other);
    }

    private static Session Session() =>
        new("s-1", "alice", "basic", ["ROLE_USER", "ROLE_SHARE"], Start, Start, Start.AddHours(10));
}
