using AtotiAuth.Shared.Users;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The cost a password login is meant to have: one PasswordHasher verification (PBKDF2-HMAC-SHA512,
/// 100,000 iterations in ASP.NET Core Identity V3). A login's own overhead is measured against it.
/// </summary>
[MemoryDiagnoser]
public class PasswordHashBenchmarks
{
    private readonly PasswordHasher<BasicUser> _hasher = new();
    private readonly BasicUser _user = new("alice", string.Empty, UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    private string _hash = null!;

    [GlobalSetup]
    public void Setup() => _hash = _hasher.HashPassword(_user, "correct horse battery staple");

    [Benchmark]
    public PasswordVerificationResult Verify() => _hasher.VerifyHashedPassword(_user, _hash, "correct horse battery staple");
}
