namespace AtotiAuth.Benchmarks.Load;

/// <summary>Everything one run shares and collects: settings, the Redis, the figures, the targets, the failures.</summary>
internal sealed class LoadRun(string root, LoadSettings settings, bool quick, RedisContainer redis)
{
    public string Root { get; } = root;

    public LoadSettings Settings { get; } = settings;

    public bool Quick { get; } = quick;

    public RedisContainer Redis { get; } = redis;

    /// <summary>One key prefix for every service of the run, as one deployment shares its store.</summary>
    public string Prefix { get; } = $"bench-{Guid.NewGuid():N}:";

    public List<LoadResult> Results { get; } = [];

    public List<TargetCheck> Targets { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>Further markdown tables (client loops, revocation, memory), in order.</summary>
    public List<string> Sections { get; } = [];

    public List<string> Failures { get; } = [];

    public LoadResult Baseline => Results[0];

    public LoadResult Add(LoadResult result)
    {
        Results.Add(result);
        if (result.Failures > 0)
        {
            Failures.Add($"{result.Name}: {result.Failures} failed requests (status >= 400 or socket errors)");
        }

        return result;
    }

    /// <summary>Checks the expected answer with one request, then loads the scenario with wrk.</summary>
    public async Task<LoadResult> MeasureAsync(string name, WrkRequest request, ServiceProcess? server, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var status = await BenchHttp.StatusAsync(request);
        if (status != expected)
        {
            Failures.Add($"{name}: answered {(int)status}, expected {(int)expected}; not loaded");
            return Add(new LoadResult(name, 0, 0, 0, 0, 1));
        }

        return Add(await Wrk.RunAsync(name, request, Settings, server));
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
