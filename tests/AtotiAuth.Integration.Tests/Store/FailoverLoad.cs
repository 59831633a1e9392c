using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AtotiAuth.Integration.Tests.Store;

/// <summary>
/// Users signing in, fetching JWTs, pinging both cubes and signing out without pause, and a checker
/// that keeps presenting every token whose logout answered success to both sidecars: a revoked token
/// accepted more than <see cref="Propagation"/> after its logout answered is a violation.
/// </summary>
internal sealed class FailoverLoad(StoreSystem system)
{
    /// <summary>Time allowed for a revocation to reach the sidecars (pub/sub), well above its milliseconds.</summary>
    public static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(string Call, HttpStatusCode Status, TimeSpan At, TimeSpan Took)> _answers = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Every answer: which call, its status, when.</summary>
    public IReadOnlyCollection<(string Call, HttpStatusCode Status, TimeSpan At, TimeSpan Took)> Answers => _answers;

    /// <summary>Tokens whose logout answered success, with when it answered.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Revoked => _revoked;

    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>The first moment after <paramref name="since"/> at which <paramref name="call"/> succeeded, or null.</summary>
    public TimeSpan? FirstSuccess(string call, TimeSpan since) =>
        _answers.Where(a => a.Call == call && a.At >= since && IsSuccess(a.Status)).Select(static a => (TimeSpan?)a.At).Min();

    /// <summary>
    /// When <paramref name="call"/> succeeded again after failing for the first time after
    /// <paramref name="since"/> (a call in flight at <paramref name="since"/> may still succeed), or null.
    /// </summary>
    public TimeSpan? Recovered(string call, TimeSpan since) =>
        _answers.Where(a => a.Call == call && a.At >= since && !IsSuccess(a.Status)).Select(static a => (TimeSpan?)a.At).Min() is { } failed
            ? FirstSuccess(call, failed)
            : null;

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 400;

    public Task RunAsync(int users, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, users).Select(_ => Task.Run(() => UserAsync(stop), CancellationToken.None)).Append(Task.Run(() => CheckAsync(stop), CancellationToken.None)));

    /// <summary>"count×status" per call between two moments.</summary>
    public string Summary(TimeSpan from, TimeSpan to) => string.Join("; ", _answers
        .Where(a => a.At >= from && a.At < to)
        .GroupBy(static a => a.Call)
        .OrderBy(static g => g.Key, StringComparer.Ordinal)
        .Select(static g => $"{g.Key} " + string.Join(" ", g.GroupBy(static a => (int)a.Status).OrderBy(static s => s.Key).Select(static s => $"{s.Count()}×{s.Key}"))
            + string.Create(CultureInfo.InvariantCulture, $" (slowest {g.Max(static a => a.Took).TotalMilliseconds:F0} ms)")));

    private async Task UserAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var login = await Record("sign-in", system.LoginAsync(StoreSystem.Alice, StoreSystem.AlicePassword, CancellationToken.None));
            var jwt = login.Value is null ? null : await Record("/jwt", system.JwtAsync(login.Value, CancellationToken.None));
            if (jwt?.Value is null)
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }

            await Record("ping", system.PingAsync(0, jwt.Value, CancellationToken.None));
            await Record("ping", system.PingAsync(1, jwt.Value, CancellationToken.None));
            var logout = await Record("logout", system.LogoutAsync(login.Value!, CancellationToken.None));
            if (logout.Value)
            {
                _revoked[jwt.Value] = Now;
            }
        }
    }

    private async Task CheckAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var (jwt, answeredAt) in _revoked.ToArray())
            {
                for (var sidecar = 0; sidecar < system.Sidecars.Count; sidecar++)
                {
                    var checkedAt = Now;
                    var answer = await system.PingAsync(sidecar, jwt, CancellationToken.None);
                    if (answer.Status == HttpStatusCode.OK && checkedAt - answeredAt > Propagation)
                    {
                        _violations.Enqueue(string.Create(CultureInfo.InvariantCulture,
                            $"sidecar {sidecar} accepted a token {(checkedAt - answeredAt).TotalMilliseconds:F0} ms after its logout answered (at {checkedAt.TotalSeconds:F2} s)"));
                    }
                }
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task<StoreSystem.Answer<T>> Record<T>(string call, Task<StoreSystem.Answer<T>> sent)
    {
        var answer = await sent;
        _answers.Enqueue((call, answer.Status, Now, answer.Took));
        return answer;
    }
}
