using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// Issue 22, "no 500 for bad input, anywhere": every public and admin route of every service, read from
/// the service's own endpoints, gets malformed forms, JSON, headers, cookies, paths and query strings,
/// anonymously and with credentials that pass its authorization. No answer may be a 5xx, and every
/// problem body must carry a stable <c>code</c> (a HEAD answer has no body to carry one).
/// </summary>
public sealed class BadInputFuzzTests(BadInputHosts hosts) : IClassFixture<BadInputHosts>
{
    public static TheoryData<string> Services => ["identity", "token", "ping", "standalone"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Fuzz_EveryRoute_NeverAnswers5xxAndEveryProblemHasACode(string service)
    {
        var target = hosts.Target(service);
        var ct = TestContext.Current.CancellationToken;
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var plan = FuzzPlan.For(target).ToList();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (request, token) =>
        {
            using var message = FuzzPlan.Build(request);
            using var response = await http.SendAsync(message, token);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, static (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync(token);
            if (status >= 500)
            {
                failures.Add($"{status} for {request}: {Short(body)}");
            }
            else if (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && body.Length > 0 && !HasCode(body))
            {
                failures.Add($"{status} problem without a code for {request}: {Short(body)}");
            }
        });

        TestContext.Current.SendDiagnosticMessage(
            $"{service}: {plan.Count} requests to {target.Routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.OrderBy(static s => s.Key).Select(static s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {plan.Count} requests failed:\n{string.Join('\n', failures.Order(StringComparer.Ordinal).Take(40))}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task RawRequests_NoClientWouldSend_NeverAnswer5xx(string service)
    {
        var target = hosts.Target(service);
        var ct = TestContext.Current.CancellationToken;
        var failures = new List<string>();
        foreach (var (name, request) in RawHttp.Cases(target.Address.Authority))
        {
            var status = await RawHttp.SendAsync(target.Address, request, ct);
            if (status >= 500)
            {
                failures.Add($"{status} for {name}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The answers a client can rely on: status and code, the same in every service.</summary>
    [Theory]
    [InlineData("identity", "POST", "/login", "application/x-www-form-urlencoded", "username=%00&password=x", 400, "malformed_request")]
    [InlineData("standalone", "POST", "/login", "application/x-www-form-urlencoded", "username=%00&password=x", 400, "malformed_request")]
    [InlineData("identity", "POST", "/logout", "multipart/form-data; boundary=zzz", "garbage", 400, "malformed_request")]
    [InlineData("identity", "POST", "/admin/users", "application/json", "{", 400, "malformed_request")]
    [InlineData("identity", "PUT", "/admin/providers/basic/users/someone/roles", "application/json", "{\"roles\":5}", 400, "malformed_request")]
    [InlineData("identity", "PUT", "/admin/providers/basic/users/someone/roles", "application/json; charset=bogus", "{}", 400, "malformed_request")]
    [InlineData("identity", "GET", "/no-such-path", null, null, 404, "not_found")]
    [InlineData("token", "GET", "/no-such-path", null, null, 404, "not_found")]
    [InlineData("token", "POST", "/.well-known/jwks.json", "application/json", "{", 405, "method_not_allowed")]
    public async Task BadInput_KnownCase_AnswersItsStatusAndCode(string service, string method, string path, string? contentType, string? body, int status, string code)
    {
        var target = hosts.Target(service);
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(target.Address, path));
        request.Headers.Authorization = path.StartsWith("/admin/", StringComparison.Ordinal) ? target.Credentials[1] : null;
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    private static bool HasCode(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Short(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
