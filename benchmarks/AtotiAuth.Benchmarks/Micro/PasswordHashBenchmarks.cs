using AtotiAuth.Identity.Users;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The cost a password login is meant to have: one PasswordHasher verification (PBKDF2-HMAC-SHA512, ASP.NET
/// Core Identity V3), at the 210,000 iterations the identity service hashes with since issue 22 and at
/// the former 100,000 whose hashes are upgraded at the next login. A login's own overhead is measured against it.
/// </summary>
[MemoryDiagnoser]
public class PasswordHashBenchmarks
{
    private readonly BasicUser _user = new("alice", string.Empty, UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    private PasswordHasher<BasicUser> _hasher = null!;
    private string _hash = null!;

    [Params(100_000, 210_000)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new PasswordHasher<BasicUser>(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));
        _hash = _hasher.HashPassword(_user, "correct horse battery staple");
    }

    [Benchmark]
    public PasswordVerificationResult Verify() => _hasher.VerifyHashedPassword(_user, _hash, "correct horse battery staple");
}
