using System.Text.Json;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Conventions;

/// <summary>
/// The runtime and logging defaults every service ships with (services/ServiceRuntime.props, each
/// appsettings.json), as built: they decide its CPU per request and its memory (docs/benchmarks.md).
/// </summary>
public sealed class RuntimeSettingsTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "services/identity", "AtotiAuth.Identity" },
        { "services/token", "AtotiAuth.Token" },
        { "services/ping", "AtotiAuth.Ping" },
        { "services/standalone", "AtotiAuth.Standalone" },
    };

    /// <summary>The services, and the load runs' baseline, which must start like them for its ratios to hold.</summary>
    public static TheoryData<string, string> Processes
    {
        get
        {
            var processes = Services;
            processes.Add("benchmarks/AtotiAuth.Baseline", "AtotiAuth.Baseline");
            return processes;
        }
    }

    [Theory]
    [MemberData(nameof(Processes))]
    public void RuntimeConfig_EveryService_WorkstationGcAndNoSpinWaiting(string folder, string assembly)
    {
        var path = Path.ChangeExtension(RepositoryPaths.BuiltAssembly(folder, assembly), ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal("0", properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").ToString());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void AppSettings_EveryService_NoPerRequestHostingScopeOrActivity(string folder, string assembly)
    {
        var path = Path.Combine(Path.GetDirectoryName(RepositoryPaths.BuiltAssembly(folder, assembly))!, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));

        var level = json.RootElement.GetProperty("Logging").GetProperty("LogLevel").GetProperty("Microsoft.AspNetCore.Hosting.Diagnostics").GetString();

        // Any level but None makes ASP.NET Core open a log scope and an Activity for every request.
        Assert.Equal("None", level);
    }
}
