using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace AtotiAuth.Benchmarks.Profiling;

/// <summary>
/// Reads a dotnet-trace file and tells where the samples were: by module and by frame, self (the leaf)
/// and inclusive (anywhere on the stack). Also writes the stacks as a speedscope file. Thread-time
/// samples of threads that were waiting (thread pool idle, epoll, timers) are left out, so both
/// modes read as CPU.
/// </summary>
internal sealed class TraceSummary
{
    /// <summary>Leaves that mean "this thread was waiting", not "this thread used the CPU".</summary>
    private static readonly string[] WaitLeaves =
    [
        "LowLevelLifoSemaphore.WaitForSignal", "WaitHandle.WaitOneNoCheck", "Monitor.Wait", "ManualResetEventSlim.Wait",
        "Interop+Sys.WaitForSocketEvents", "Thread.Sleep", "Interop+Sys.Read(", "LowLevelMonitor.Wait", "SemaphoreSlim.Wait",
        "Interop+Sys.Poll", "WaitSubsystem",
    ];

    private readonly Dictionary<string, int> _self = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inclusive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _moduleOf = new(StringComparer.Ordinal);

    /// <summary>Frames every request crosses (thread pool, async machinery, Kestrel's loop): true, and no help in a top list.</summary>
    private static readonly string[] Plumbing =
    [
        "System.Threading.", "System.Runtime.CompilerServices.", "System.Threading.Tasks.",
        "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol+<ProcessRequests>",
        "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.Internal.IOQueue",
        "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol::ProcessRequests",
    ];

    private TraceSummary()
    {
    }

    public int Samples { get; private set; }

    public int WaitingSamples { get; private set; }

    public static TraceSummary Read(string nettrace, int processId, string? speedscopePath)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(nettrace, Path.ChangeExtension(nettrace, ".etlx"));
        using var log = new TraceLog(etlx);
        var summary = new TraceSummary();
        var frames = new Dictionary<string, int>(StringComparer.Ordinal);
        var stacks = new List<int[]>();
        foreach (var sample in log.Events)
        {
            if (sample.ProcessID != processId && sample.ProcessID > 0)
            {
                continue;
            }

            var stack = sample.CallStack();
            if (stack is null || !IsSample(sample.ProviderName, sample.EventName))
            {
                continue;
            }

            var path = new List<(string Frame, string Module)>();
            for (var frame = stack; frame is not null; frame = frame.Caller)
            {
                path.Add(Describe(frame.CodeAddress));
            }

            if (path.Count == 0)
            {
                continue;
            }

            if (WaitLeaves.Any(w => path[0].Frame.Contains(w, StringComparison.Ordinal)))
            {
                summary.WaitingSamples++;
                continue;
            }

            summary.Add(path);
            if (speedscopePath is not null)
            {
                stacks.Add([.. Enumerable.Reverse(path).Select(p => Index(frames, p.Frame))]);
            }
        }

        if (speedscopePath is not null)
        {
            WriteSpeedscope(speedscopePath, Path.GetFileName(nettrace), frames, stacks);
        }

        log.Dispose();
        File.Delete(etlx);
        return summary;
    }

    /// <summary>Markdown: modules, then the top self and inclusive frames (plumbing frames above half of all samples left out).</summary>
    public string Render(int top)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        if (Samples == 0)
        {
            return "no samples recorded\n";
        }

        text.AppendLine(inv, $"{Samples} samples (and {WaitingSamples} of waiting threads, left out).");
        text.AppendLine();
        text.AppendLine("| module (self) | share |");
        text.AppendLine("|---|---:|");
        foreach (var (module, count) in _modules.OrderByDescending(static m => m.Value).Take(8))
        {
            text.AppendLine(inv, $"| {Escape(module)} | {Share(count)} |");
        }

        text.AppendLine();
        text.AppendLine("| top frames, self | share |");
        text.AppendLine("|---|---:|");
        foreach (var (frame, count) in _self.OrderByDescending(static f => f.Value).Take(top))
        {
            text.AppendLine(inv, $"| {Escape(frame)} | {Share(count)} |");
        }

        text.AppendLine();
        text.AppendLine("| top managed frames, inclusive (thread pool, async and Kestrel loop frames left out) | share |");
        text.AppendLine("|---|---:|");
        foreach (var (frame, count) in _inclusive.Where(f => IsManaged(f.Key) && !f.Key.EndsWith("!?", StringComparison.Ordinal) && !Plumbing.Any(p => f.Key.StartsWith(p, StringComparison.Ordinal)))
            .OrderByDescending(static f => f.Value).Take(top))
        {
            text.AppendLine(inv, $"| {Escape(frame)} | {Share(count)} |");
        }

        var syscalls = _inclusive.Where(static f => f.Key.StartsWith("__x64_sys_", StringComparison.Ordinal)).OrderByDescending(static f => f.Value).Take(5).ToList();
        if (syscalls.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(inv, $"In the kernel (inclusive, by system call): {string.Join(", ", syscalls.Select(f => $"{f.Key["__x64_sys_".Length..]} {Share(f.Value)}"))}.");
        }

        return text.ToString();

        string Share(int count) => (count / (double)Samples).ToString("P1", inv);
    }

    /// <summary>The inclusive share of the frames whose name contains <paramref name="fragment"/> (e.g. a namespace).</summary>
    public double InclusiveShare(string fragment) => Samples == 0 ? 0 :
        _inclusive.Where(f => f.Key.Contains(fragment, StringComparison.Ordinal)).Select(static f => f.Value).DefaultIfEmpty(0).Max() / (double)Samples;

    private bool IsManaged(string frame) => _moduleOf.TryGetValue(frame, out var module)
        && !module.Contains(".so", StringComparison.Ordinal) && module is not ("vmlinux" or "?") && !module.StartsWith('[');

    private void Add(List<(string Frame, string Module)> path)
    {
        Samples++;
        foreach (var (frame, module) in path)
        {
            _moduleOf.TryAdd(frame, module);
        }

        _self[path[0].Frame] = _self.GetValueOrDefault(path[0].Frame) + 1;
        _modules[path[0].Module] = _modules.GetValueOrDefault(path[0].Module) + 1;
        foreach (var frame in path.Select(static p => p.Frame).Distinct(StringComparer.Ordinal))
        {
            _inclusive[frame] = _inclusive.GetValueOrDefault(frame) + 1;
        }
    }

    private static bool IsSample(string provider, string eventName) =>
        provider.Contains("SampleProfiler", StringComparison.Ordinal) || eventName.EndsWith("cpu", StringComparison.Ordinal)
        || eventName.Contains("Sample", StringComparison.Ordinal);

    private static (string Frame, string Module) Describe(TraceCodeAddress address)
    {
        var module = address.ModuleName is { Length: > 0 } m ? m : "?";
        var method = address.FullMethodName;
        if (string.IsNullOrEmpty(method))
        {
            return ($"{module}!?", module);
        }

        // Native symbols carry their module; managed ones are namespaced already.
        return (address.Method is null ? $"{module}!{method}" : Shorten(method), module);
    }

    /// <summary>Drops parameter lists, which make frames long without telling them apart much.</summary>
    private static string Shorten(string method)
    {
        var paren = method.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? method[..paren] : method;
    }

    private static int Index(Dictionary<string, int> frames, string frame)
    {
        if (!frames.TryGetValue(frame, out var index))
        {
            frames[frame] = index = frames.Count;
        }

        return index;
    }

    private static string Escape(string frame) => frame.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    private static void WriteSpeedscope(string path, string name, Dictionary<string, int> frames, List<int[]> stacks)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("$schema", "https://www.speedscope.app/file-format-schema.json");
        json.WriteString("exporter", "AtotiAuth.Benchmarks");
        json.WriteString("name", name);
        json.WriteStartObject("shared");
        json.WriteStartArray("frames");
        foreach (var frame in frames.OrderBy(static f => f.Value))
        {
            json.WriteStartObject();
            json.WriteString("name", frame.Key);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("profiles");
        json.WriteStartObject();
        json.WriteString("type", "sampled");
        json.WriteString("name", name);
        json.WriteString("unit", "none");
        json.WriteNumber("startValue", 0);
        json.WriteNumber("endValue", stacks.Count);
        json.WriteStartArray("samples");
        foreach (var stack in stacks)
        {
            json.WriteStartArray();
            foreach (var frame in stack)
            {
                json.WriteNumberValue(frame);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("weights");
        foreach (var _ in stacks)
        {
            json.WriteNumberValue(1);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
