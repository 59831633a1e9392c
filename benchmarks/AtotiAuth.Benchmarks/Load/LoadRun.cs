using AtotiAuth.Benchmarks.Profiling;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Everything one run shares and collects: settings, the Redis, the figures, the targets, the failures, the profiles.</summary>
internal sealed class LoadRun(string root, LoadSettings settings, BenchOptions options, RedisContainer redis)
{
    public string Root { get; } = root;

    public LoadSettings Settings { get; } = settings;

    public BenchOptions Options { get; } = options;

    public bool Quick => Options.Quick;

    public RedisContainer Redis { get; } = redis;

    /// <summary>The options the run was given, and the load average at its start: the report's first line.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string LoadAtStart { get; init; } = string.Empty;

    /// <summary>One key prefix for every service of the run, as one deployment shares its store.</summary>
    public string Prefix { get; } = $"bench-{Guid.NewGuid():N}:";

    /// <summary>The wrk figures, by report section ("load" is the main deployment's table).</summary>
    public Dictionary<string, List<LoadResult>> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Wall time of each part of the run, for the summary.</summary>
    public List<(string Part, TimeSpan Elapsed)> Timings { get; } = [];

    public List<TargetCheck> Targets { get; } = [];

    /// <summary>Further markdown, by report section (load, standalone, scaling, memory…), in order.</summary>
    public Dictionary<string, List<string>> Sections { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    /// <summary>Set with <c>--profile</c>: every loaded scenario is profiled as it runs.</summary>
    public Profiler? Profiler { get; init; }

    public List<ProfileRecord> Profiles { get; } = [];

    /// <summary>How to load each scenario again, so that a missed target can be profiled after the run.</summary>
    public Dictionary<string, ProfileTarget> Profilable { get; } = new(StringComparer.Ordinal);

    /// <summary>The constant endpoint, loaded first: the tables' "vs baseline" column.</summary>
    public LoadResult Baseline { get; private set; } = null!;

    private ServiceProcess? _baselineServer;

    public void SetBaseline(LoadResult baseline, ServiceProcess server)
    {
        Baseline = Add(baseline);
        _baselineServer = server;
    }

    /// <summary>
    /// A scenario judged against the constant endpoint loaded just before and just after it: a shared
    /// machine's speed drifts (the constant alone measured 38,000 and 59,000 requests/s in two runs an
    /// hour apart here), so the reference is the mean of the two loads around the scenario.
    /// </summary>
    public async Task<LoadResult> MeasureAgainstConstantAsync(string name, WrkRequest request, ServiceProcess server, double share, string table = "load")
    {
        var constant = new WrkRequest(new Uri(_baselineServer!.Url, "/constant"));
        var before = await Wrk.RunAsync($"constant endpoint before {name}", constant, Settings, _baselineServer);
        var result = await MeasureAsync(name, request, server, table: table);
        var after = await Wrk.RunAsync($"constant endpoint after {name}", constant, Settings, _baselineServer);
        var reference = (before.RequestsPerSecond + after.RequestsPerSecond) / 2;
        var ratio = result.RequestsPerSecond / reference;
        foreach (var (when, load) in new[] { ("before", before), ("after", after) })
        {
            if (load.Failures > 0)
            {
                Failures.Add($"constant endpoint {when} {name}: {load.Failures} failed requests");
            }
        }

        Target(name, FormattableString.Invariant($">= {share:P0} of constant (loaded just before and after)"),
            FormattableString.Invariant($"{ratio:P0} ({result.RequestsPerSecond:N0} req/s; constant {before.RequestsPerSecond:N0} before, {after.RequestsPerSecond:N0} after)"), ratio >= share);
        return result;
    }

    /// <summary>
    /// A floor in requests/s for a page people use (issue 17: the login page and the admin read serve
    /// people, not load, so they are held to an absolute floor, not a ratio).
    /// </summary>
    public void FloorTarget(LoadResult result, double requestsPerSecond) =>
        Target(result.Name, FormattableString.Invariant($">= {requestsPerSecond:N0} req/s (floor)"), FormattableString.Invariant($"{result.RequestsPerSecond:N0} req/s"), result.RequestsPerSecond >= requestsPerSecond);

    /// <summary>Times one part of the run.</summary>
    public async Task TimeAsync(string part, Func<Task> body)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await body();
        }
        finally
        {
            Timings.Add((part, clock.Elapsed));
        }
    }

    public void AddSection(string section, string markdown)
    {
        if (!Sections.TryGetValue(section, out var list))
        {
            Sections[section] = list = [];
        }

        list.Add(markdown);
    }

    public LoadResult Add(LoadResult result, string table = "load")
    {
        if (!Tables.TryGetValue(table, out var results))
        {
            Tables[table] = results = [];
        }

        results.Add(result);
        if (result.Failures > 0)
        {
            Failures.Add($"{result.Name}: {result.Failures} failed requests (status >= 400 or socket errors)");
        }

        return result;
    }

    /// <summary>
    /// Checks the expected answer with one request, then loads the scenario with wrk; remembers how to
    /// load it again for a profile, and profiles it at once with <c>--profile</c>.
    /// </summary>
    public async Task<LoadResult> MeasureAsync(string name, WrkRequest request, ServiceProcess? server, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK, LoadSettings? settings = null, string table = "load")
    {
        settings ??= Settings;
        var status = await BenchHttp.StatusAsync(request);
        if (status != expected)
        {
            Failures.Add($"{name}: answered {(int)status}, expected {(int)expected}; not loaded");
            return Add(new LoadResult(name, 0, 0, 0, 0, 1), table);
        }

        var result = Add(await Wrk.RunAsync(name, request, settings, server), table);
        if (server is not null)
        {
            var target = new ProfileTarget(server, _ => Task.FromResult<Func<TimeSpan, Task<double?>>>(async window =>
                (await Wrk.DriveAsync(request, window, settings)).RequestsPerSecond));
            Profilable[name] = target;
            await ProfileNowAsync(name, target);
        }

        return result;
    }

    /// <summary>With <c>--profile</c>, loads the scenario again while recording its server.</summary>
    public async Task ProfileNowAsync(string name, ProfileTarget target)
    {
        if (Profiler is not null)
        {
            Profiles.Add(await RecordAsync(Profiler, name, target));
        }
    }

    /// <summary>After a run without <c>--profile</c>: profiles each scenario whose target was missed (<c>--quick</c>: the first only).</summary>
    public async Task ProfileMissesAsync()
    {
        var missed = Targets.Where(static t => t.Met == false).Select(static t => t.Subject).Distinct(StringComparer.Ordinal)
            .Where(Profilable.ContainsKey).Take(Quick ? 1 : int.MaxValue).ToList();
        if (missed.Count == 0)
        {
            return;
        }

        var profiler = new Profiler(Root, ProfileMode.Cpu);
        foreach (var name in missed)
        {
            Profiles.Add(await RecordAsync(profiler, name, Profilable[name]));
        }
    }

    private async Task<ProfileRecord> RecordAsync(Profiler profiler, string name, ProfileTarget target)
    {
        var window = Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10);
        var drive = await target.PrepareAsync(window + TimeSpan.FromSeconds(3));
        return await profiler.RecordAsync(name, target.Server, window, () => drive(window + TimeSpan.FromSeconds(3)));
    }

    public void Target(string subject, string target, string measured, bool? met) =>
        Targets.Add(new TargetCheck(subject, target, measured, met));

    /// <summary>Checks a scenario against a share of a reference scenario's requests/s.</summary>
    public void RatioTarget(LoadResult scenario, LoadResult reference, double share, string referenceName)
    {
        var ratio = scenario.RequestsPerSecond / reference.RequestsPerSecond;
        Target(scenario.Name, FormattableString.Invariant($">= {share:P0} of {referenceName}"), FormattableString.Invariant($"{ratio:P0}"), ratio >= share);
    }
}

/// <summary>
/// A scenario that can be loaded again: the process to record, and how to get a driver ready (e.g.
/// make the sessions a logout loop spends) that then keeps the load on for the given time and
/// returns the requests per second it reached.
/// </summary>
internal sealed record ProfileTarget(ServiceProcess Server, Func<TimeSpan, Task<Func<TimeSpan, Task<double?>>>> PrepareAsync);
