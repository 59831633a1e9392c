using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// <c>--describe-options</c>: a service started with it binds its options from its configuration
/// (environment, files, arguments) as it would to serve, prints every one of them (<see cref="Describe"/>)
/// and whether they pass its start checks, and exits without serving: 0 when they pass, 1 otherwise. An
/// operator sees what a deployment's settings bind to, as <c>sshd -T</c> shows sshd's; the tests start
/// the sidecar's Native AOT binary so, to prove that every option binds there (issue 19).
/// </summary>
public static class OptionsReport
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--describe-options";

    /// <summary>True when <paramref name="args"/> holds <see cref="Switch"/>.</summary>
    public static bool IsRequested(IEnumerable<string> args) => args.Contains(Switch, StringComparer.Ordinal);

    /// <summary>
    /// Every options class the service registered with <c>AddValidatedOptions</c>, as configuration and
    /// code set it (before validation, so that a configuration that fails is described too): one
    /// configuration key and value each, in registration order. See <see cref="ValidatedOptions.Describe"/>
    /// for how values are shown (strings only by fingerprint).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. Registered(services).SelectMany(o => o.Describe(services))];
    }

    /// <summary>Writes <see cref="Describe"/> as <c>key=value</c> lines, then the start checks' verdict; returns the exit code.</summary>
    public static int Write(IServiceProvider services, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var (key, value) in Describe(services))
        {
            output.WriteLine($"{key}={value}");
        }

        var failures = Registered(services).SelectMany(o => o.Validate(services)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var failure in failures)
        {
            error.WriteLine(failure);
        }

        output.Flush();
        error.Flush();
        return failures.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<ValidatedOptions> Registered(IServiceProvider services) =>
        services.GetServices<ValidatedOptions>()
            .DistinctBy(static o => (o.OptionsType, o.Name));
}
