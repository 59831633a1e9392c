using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Store.InMemory;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The login form's CSRF protection as it runs (services/identity/Login/LoginFormProtection): the page
/// for a new browser (a random nonce, its cookie, one HMAC-SHA256) and the check of a posted form.
/// </summary>
[MemoryDiagnoser]
public class LoginFormBenchmarks
{
    private LoginFormProtection _protection = null!;
    private string _cookie = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        var keys = new LoginFormKeys(new InMemoryEphemeralStore(TimeProvider.System), TimeProvider.System);
        _protection = new LoginFormProtection(keys, NullLogger<LoginFormProtection>.Instance);
        var page = new DefaultHttpContext();
        _token = _protection.IssueAsync(page).AsTask().GetAwaiter().GetResult();
        _cookie = page.Response.Headers.SetCookie.ToString().Split(';')[0];
    }

    [Benchmark]
    public ValueTask<string> IssuePage() => _protection.IssueAsync(new DefaultHttpContext());

    [Benchmark]
    public async Task<bool> CheckPost()
    {
        var post = new DefaultHttpContext();
        post.Request.Headers.Cookie = _cookie;
        post.Request.Headers["Sec-Fetch-Site"] = "same-origin";
        var verdict = await _protection.CheckAsync(post, _token);
        return verdict == LoginFormVerdict.Valid ? true : throw new InvalidOperationException($"the form was refused: {verdict}");
    }
}
