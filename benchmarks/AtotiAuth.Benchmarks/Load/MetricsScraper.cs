using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Scrapes a sidecar's <c>/metrics</c> as Prometheus does, every <see cref="Interval"/> while a load runs,
/// and keeps what the scrapes said: each must answer 200 with the sidecar's request counter, and the
/// counter must grow over the run (else the figures were taken without the exporter at work).
/// </summary>
internal sealed class MetricsScraper(Uri url, TimeSpan interval)
{
    private readonly List<string> _errors = [];

    public TimeSpan Interval { get; } = interval;

    public int Count { get; private set; }

    /// <summary>The request counter (summed over its labels) at the first and the last scrape.</summary>
    public double First { get; private set; } = double.NaN;

    public double Last { get; private set; } = double.NaN;

    /// <summary>Scrapes at once, then every <see cref="Interval"/> until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await ScrapeAsync();
        }
        while (await Wait(timer, stop));
    }

    /// <summary>Adds the run's failures: a scrape without the counter, none at all, or a counter that never grew.</summary>
    public void Check(LoadRun run)
    {
        run.Failures.AddRange(_errors.Distinct(StringComparer.Ordinal).Select(e => $"metrics scrape of {url}: {e}"));
        if (Count == 0 || !(Last > First))
        {
            run.Failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"metrics scrape of {url}: {Count} successful scrapes, {MetricsCostScenario.RequestCounter} {First} → {Last}; the exporter was not shown at work"));
        }
    }

    /// <summary>The sum of a counter's samples over its label sets, or null when the text has none.</summary>
    public static double? Sum(string exposition, string name)
    {
        double? sum = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || (line[name.Length] != '{' && line[name.Length] != ' '))
            {
                continue;
            }

            var rest = line[name.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
            var value = rest.Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sample))
            {
                sum = (sum ?? 0) + sample;
            }
        }

        return sum;
    }

    private async Task ScrapeAsync()
    {
        try
        {
            using var response = await BenchHttp.Client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                _errors.Add($"answered {(int)response.StatusCode}");
                return;
            }

            if (Sum(text, MetricsCostScenario.RequestCounter) is not { } requests)
            {
                _errors.Add($"no {MetricsCostScenario.RequestCounter} in the exposition");
                return;
            }

            Count++;
            if (double.IsNaN(First))
            {
                First = requests;
            }

            Last = requests;
        }
        catch (HttpRequestException ex)
        {
            _errors.Add(ex.Message);
        }
        catch (TaskCanceledException)
        {
            _errors.Add("timed out");
        }
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
