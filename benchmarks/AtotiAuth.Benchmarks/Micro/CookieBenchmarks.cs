using System.Security.Cryptography;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Sessions;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The cookies' own cost per request: the sidecar's cube cookie sealed and opened (Data Protection,
/// services/ping/Cookies/CubeCookieProtector), the session cookie parsed and its secret checked against
/// the stored SHA-256 in constant time (what every store's AuthenticateAsync does before any read), and
/// the sidecar's token-cache key (SHA-256 of the JWT).
/// </summary>
[MemoryDiagnoser]
public class CookieBenchmarks
{
    private CubeCookieProtector _protector = null!;
    private CubeCookiePayload _payload = null!;
    private string _sealed = null!;
    private string _sessionCookie = null!;
    private byte[] _secretHash = null!;
    private string _jwt = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The same authenticated encryption (AES-256-CBC + HMAC-SHA256) as the services' Redis-backed key ring.
        _protector = new CubeCookieProtector(new EphemeralDataProtectionProvider(), "bench-cube");
        _payload = new CubeCookiePayload("bench-cube", SessionSecrets.NewId(), "alice.smith", DateTimeOffset.UtcNow.AddMinutes(15));
        _sealed = _protector.Protect(_payload);
        var secret = SessionSecrets.NewSecret();
        _sessionCookie = new SessionTicket(SessionSecrets.NewId(), secret).ToString();
        _secretHash = SessionSecrets.Hash(secret);
        _jwt = "eyJhbGciOiJSUzUxMiIsImtpZCI6ImJlbmNoLTEiLCJ0eXAiOiJKV1QifQ." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(300)) + "." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(384));
    }

    [Benchmark]
    public string CubeCookieProtect() => _protector.Protect(_payload);

    [Benchmark]
    public object? CubeCookieUnprotect() => _protector.Unprotect(_sealed);

    [Benchmark]
    public bool SessionCookieParseAndCheck() =>
        SessionTicket.TryParse(_sessionCookie, out var ticket) && SessionSecrets.Matches(_secretHash, ticket.Secret);

    [Benchmark]
    public ulong SidecarTokenCacheKey() => TokenKey.Of(_jwt).A;
}
