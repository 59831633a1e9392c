using System.Reflection;
using AtotiAuth.Identity;
using AtotiAuth.Ping;
using AtotiAuth.Samples.Cube;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Deploy.Tests.Configuration;

/// <summary>
/// Each image's service, composed as its Program.cs composes it, on a given configuration and nothing
/// else: what options it binds (so which keys it reads), and whether it would pass its start checks.
/// </summary>
internal static class ServiceHosts
{
    private static readonly Dictionary<string, Action<WebApplicationBuilder>> Compose = new(StringComparer.Ordinal)
    {
        ["identity"] = static b => b.AddServiceDefaults().AddIdentityService(),
        ["token"] = static b => b.AddServiceDefaults().AddTokenService(),
        ["ping"] = static b => b.AddServiceDefaults().AddPingService(),
        ["sample-cube"] = static b => b.AddCube(),
    };

    public static IReadOnlyCollection<string> Images => Compose.Keys;

    public static WebApplicationBuilder Builder(string image, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        Compose[image](builder);
        return builder;
    }

    /// <summary>The options classes the service binds, with their sections (e.g. <c>AtotiAuth:Ping</c>).</summary>
    public static IReadOnlyList<BoundOptions> Bound(string image)
    {
        var services = Builder(image, []).Services;
        return [.. services
            .Where(static d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(static d => d.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .Select(static t => new BoundOptions(t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string ?? string.Empty, t))
            .Where(static b => b.Section.Length > 0)];
    }

    /// <summary>What the service's start checks (ValidateOnStart) say of the configuration: nothing when it would start.</summary>
    public static async Task<string?> StartFailure(string image, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        await using var app = Builder(image, settings).Build();
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            return AtotiAuth.Testing.StartupFailure.AllMessages(ex);
        }
    }
}

internal sealed record BoundOptions(string Section, Type Options);
