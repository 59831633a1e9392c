using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The login form's per-page cryptography (services/identity/Login/LoginFormProtection): the HMAC of
/// its nonce, set up for each page or kept per thread and reset, and the nonce's 16 random bytes,
/// asked of the system's generator each time or drawn from a kilobyte asked for at once.
/// </summary>
[MemoryDiagnoser]
public class LoginFormBenchmarks
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _message = new byte[46];
    private readonly byte[] _random = new byte[1024];
    private readonly byte[] _mac = new byte[HMACSHA256.HashSizeInBytes];
    private readonly int _nonceBytes = 16;
    private IncrementalHash _kept = null!;
    private int _used = 1024;

    [GlobalSetup]
    public void Setup() => _kept = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);

    [GlobalCleanup]
    public void Cleanup() => _kept.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] HmacSetUpEachTime() => HMACSHA256.HashData(_key, _message);

    [Benchmark]
    public int HmacKeptAndReset()
    {
        _kept.AppendData(_message);
        return _kept.GetHashAndReset(_mac);
    }

    [Benchmark]
    public byte[] NonceAskedEachTime() => RandomNumberGenerator.GetBytes(_nonceBytes);

    [Benchmark]
    public byte NonceFromAKilobyte()
    {
        if (_used + _nonceBytes > _random.Length)
        {
            RandomNumberGenerator.Fill(_random);
            _used = 0;
        }

        _used += _nonceBytes;
        return _random[_used - _nonceBytes];
    }
}
