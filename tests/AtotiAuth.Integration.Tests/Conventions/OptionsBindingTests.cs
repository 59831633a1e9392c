using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using AtotiAuth.Shared.Options;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Integration.Tests.Conventions;

/// <summary>
/// Every option of every service binds (issue 19): each service is built, not started, twice, with
/// every key of every options class it registers set to one value and then to another, and each key's
/// bound value must differ between the two. An options class that binds nothing (a generic
/// binding the source generator cannot see), or a key its own binding forgets, fails here by name.
/// </summary>
public sealed class OptionsBindingTests
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    public static TheoryData<string> Services => ["identity", "token", "ping", "standalone"];

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryOption_OfEveryRegisteredClass_Binds(string service)
    {
        var registered = Registered(service);
        var (first, keys) = OptionsSettings.For(registered, variant: 0);
        var (second, _) = OptionsSettings.For(registered, variant: 1);

        var unbound = OptionsSettings.Unbound(Describe(service, NoSettings), Describe(service, first), Describe(service, second), keys);

        Assert.NotEmpty(keys);

        Assert.NotEmpty(registered);
        Assert.Empty(unbound);
    }

    /// <summary>
    /// The sidecar's Native AOT binary (published by scripts/build-images.sh, as its image holds it), started
    /// with <c>--describe-options</c> and every option set from environment variables, binds each one as
    /// the JIT build in this process does: the reflection binder finds nothing under AOT, so a binding the
    /// source generator did not see shows here as the defaults.
    /// </summary>
    [Fact]
    public async Task NativeAotSidecar_EveryOption_FromTheEnvironment_BindsAsTheJitBuild()
    {
        var binary = Path.Combine(RepositoryPaths.Root, "artifacts", "publish", "ping", "AtotiAuth.Ping");
        if (!File.Exists(binary) || File.Exists(binary + ".dll"))
        {
            var reason = $"No Native AOT sidecar at {binary}: run scripts/build-images.sh ping (scripts/test.sh does).";
            Assert.SkipWhen(!DockerEnvironment.ContainersRequired, reason);
            Assert.Fail(reason);
        }

        var registered = Registered("ping");
        var (first, keys) = OptionsSettings.For(registered, variant: 0);
        var (second, _) = OptionsSettings.For(registered, variant: 1);

        var native = await DescribeNativeAsync(binary, NoSettings);
        var nativeFirst = await DescribeNativeAsync(binary, first);
        var nativeSecond = await DescribeNativeAsync(binary, second);

        Assert.Equal(Describe("ping", first), nativeFirst);
        Assert.Equal(Describe("ping", second), nativeSecond);
        Assert.Empty(OptionsSettings.Unbound(native, nativeFirst, nativeSecond, keys));
    }

    [Fact]
    public void EveryOptionsClass_IsRegisteredByAService()
    {
        var registered = Services.SelectMany(static s => Registered(s)).Select(static o => o.OptionsType).ToHashSet();
        var declared = new[] { typeof(Shared.Store.StoreOptions).Assembly, typeof(global::AtotiAuth.Identity.IdentityServiceMarker).Assembly, typeof(global::AtotiAuth.Token.TokenServiceMarker).Assembly, typeof(global::AtotiAuth.Ping.PingServiceMarker).Assembly }
            .SelectMany(static a => a.GetTypes())
            .Where(static t => t.IsClass && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null && t.Name.EndsWith("Options", StringComparison.Ordinal));

        Assert.Empty(declared.Where(t => !registered.Contains(t)).Select(static t => t.FullName));
    }

    internal static IReadOnlyList<ValidatedOptions> Registered(string service)
    {
        using var app = Build(service, NoSettings);
        return [.. app.Services.GetServices<ValidatedOptions>().DistinctBy(static o => (o.OptionsType, o.Name))];
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> Describe(string service, IReadOnlyDictionary<string, string?> settings)
    {
        using var app = Build(service, settings);
        return OptionsReport.Describe(app.Services);
    }

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>> DescribeNativeAsync(string binary, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(binary, [OptionsReport.Switch])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(binary)!,
        };
        foreach (var key in start.Environment.Keys.Where(static k => k.StartsWith("AtotiAuth", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        // Exit 1 is a configuration the start checks refuse (these values are not meant to pass them).
        Assert.True(process.ExitCode is 0 or 1, $"exit {process.ExitCode}: {await error}");
        return [.. (await output).Split('\n')
            .Select(static l => l.TrimEnd('\r'))
            .Where(static l => l.StartsWith("AtotiAuth:", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal))
            .Select(static l => new KeyValuePair<string, string>(l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))];
    }

    private static WebApplication Build(string service, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        global::AtotiAuth.Shared.Hosting.ServiceDefaultsExtensions.AddServiceDefaults(builder);
        switch (service)
        {
            case "identity":
                global::AtotiAuth.Identity.IdentityServiceExtensions.AddIdentityService(builder);
                break;
            case "token":
                global::AtotiAuth.Token.TokenServiceExtensions.AddTokenService(builder);
                break;
            case "ping":
                global::AtotiAuth.Ping.PingServiceExtensions.AddPingService(builder);
                break;
            default:
                global::AtotiAuth.Standalone.StandaloneExtensions.AddStandaloneDefaults(builder);
                global::AtotiAuth.Identity.IdentityServiceExtensions.AddIdentityService(builder);
                global::AtotiAuth.Token.TokenServiceExtensions.AddTokenService(builder);
                break;
        }

        return builder.Build();
    }
}

/// <summary>
/// A value other than the default for every key of the options classes a service registers, and the
/// keys whose described value did not change with it.
/// </summary>
internal static class OptionsSettings
{
    /// <summary>
    /// Configuration keys and values: every scalar set, every collection given one entry, to values that
    /// differ from one <paramref name="variant"/> (0 or 1) to the other; and the options' keys set.
    /// </summary>
    public static (Dictionary<string, string?> Settings, IReadOnlyList<string> Keys) For(IEnumerable<ValidatedOptions> registered, int variant)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var keys = new List<string>();
        foreach (var options in registered)
        {
            foreach (var property in options.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var key = $"{options.SectionName}:{property.Name}";
                var settable = property.SetMethod is { IsPublic: true };
                if (Scalar(property.PropertyType, variant, property.Name) is { } value)
                {
                    if (settable)
                    {
                        settings[key] = value;
                        keys.Add(key);
                    }
                }
                else if (Entry(property.PropertyType, variant, property.Name) is { } entry)
                {
                    settings[key + entry.Suffix] = entry.Value;
                    keys.Add(key);
                }
            }
        }

        return (settings, keys);
    }

    /// <summary>
    /// The options' keys (<c>AtotiAuth:Ping:CubeUrl</c>) whose described lines (the key's own, and its
    /// entries') are missing, or the same in both variants and without the settings. (An entry that is
    /// an object of its own is described as present, not by its content: it differs from the empty
    /// collection bound without the settings.)
    /// </summary>
    public static IReadOnlyList<string> Unbound(
        IReadOnlyList<KeyValuePair<string, string>> none, IReadOnlyList<KeyValuePair<string, string>> first, IReadOnlyList<KeyValuePair<string, string>> second, IEnumerable<string> keys) =>
        [.. keys.Distinct(StringComparer.OrdinalIgnoreCase).Where(k => Lines(first, k).Length == 0 || (Lines(first, k) == Lines(second, k) && Lines(first, k) == Lines(none, k))).Order(StringComparer.Ordinal)];

    private static string Lines(IEnumerable<KeyValuePair<string, string>> described, string key) =>
        string.Join(';', described
            .Where(d => d.Key.Equals(key, StringComparison.OrdinalIgnoreCase) || d.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase))
            .Select(static d => $"{d.Key}={d.Value}"));

    private static string? Scalar(Type type, int variant, string name)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var number = (variant + 2).ToString(CultureInfo.InvariantCulture);
        return t switch
        {
            _ when t == typeof(string) => $"bound{variant}-{name}",
            _ when t == typeof(bool) => variant == 0 ? "true" : "false",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(double) => number,
            _ when t == typeof(TimeSpan) => TimeSpan.FromSeconds(variant + 2).ToString("c", CultureInfo.InvariantCulture),
            _ when t == typeof(Uri) => $"https://bound{variant}.example/{name}",
            _ when t.IsEnum => Enum.GetNames(t)[variant],
            _ => null,
        };
    }

    /// <summary>One entry of a collection: <c>:0</c> of a list, <c>:name</c> of a dictionary (and its own first entry or property).</summary>
    private static (string Suffix, string Value)? Entry(Type type, int variant, string name)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            var valueType = dictionary.GetGenericArguments()[1];
            return Nested(valueType, variant, name) is { } inner ? (":bound" + inner.Suffix, inner.Value) : null;
        }

        var item = type.IsArray ? type.GetElementType()! : type.GetInterfaces().Append(type).First(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];
        return Nested(item, variant, name) is { } element ? (":0" + element.Suffix, element.Value) : null;
    }

    private static (string Suffix, string Value)? Nested(Type type, int variant, string name)
    {
        if (Scalar(type, variant, name) is { } value)
        {
            return (string.Empty, value);
        }

        if (Entry(type, variant, name) is { } entry)
        {
            return entry;
        }

        // An object of its own (an OIDC provider): its first string property.
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(static p => p.PropertyType == typeof(string) && p.SetMethod is { IsPublic: true });
        return property is null ? null : (":" + property.Name, $"bound{variant}-{name}");
    }
}
