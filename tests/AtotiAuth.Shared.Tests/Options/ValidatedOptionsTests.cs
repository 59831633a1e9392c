using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Tests.Options;

public sealed class ValidatedOptionsTests
{
    public enum Flavour
    {
        Plain,
        Salted,
    }

    public sealed class SampleOptions : IBoundOptions<SampleOptions>
    {
        public const string SectionName = "AtotiAuth:Sample";

        [Required]
        public string? Url { get; set; }

        public bool Enabled { get; set; } = true;

        [Range(1, 100)]
        public int Size { get; set; } = 10;

        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

        public Flavour Flavour { get; set; }

        public IList<string> Origins { get; } = [];

        public IDictionary<string, List<string>> Mapping { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        public IDictionary<string, Nested> Providers { get; } = new Dictionary<string, Nested>(StringComparer.Ordinal);

        public Func<string, string>? Hook { get; set; }

        public string? Empty { get; set; }

        static void IBoundOptions<SampleOptions>.Bind(IConfiguration section, SampleOptions options) => section.Bind(options);
    }

    public sealed class Nested
    {
        public string? Id { get; set; }
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, int registrations = 1)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        for (var i = 0; i < registrations; i++)
        {
            services.AddValidatedOptions<SampleOptions>(SampleOptions.SectionName);
        }

        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddValidatedOptions_BindsTheSectionThroughTheClassesOwnBinding()
    {
        using var services = Services(new()
        {
            ["AtotiAuth:Sample:Url"] = "https://cube.example.com",
            ["AtotiAuth:Sample:Size"] = "42",
            ["AtotiAuth:Sample:Origins:0"] = "https://a",
        });

        var options = services.GetRequiredService<IOptions<SampleOptions>>().Value;

        Assert.Equal("https://cube.example.com", options.Url);
        Assert.Equal(42, options.Size);
        Assert.Equal(["https://a"], options.Origins);
    }

    [Fact]
    public void AddValidatedOptions_Twice_BindsOnce()
    {
        using var services = Services(new() { ["AtotiAuth:Sample:Url"] = "u", ["AtotiAuth:Sample:Origins:0"] = "https://a" }, registrations: 2);

        Assert.Equal(["https://a"], services.GetRequiredService<IOptions<SampleOptions>>().Value.Origins);
        Assert.Single(services.GetServices<ValidatedOptions>());
    }

    [Fact]
    public void AddValidatedOptions_BadValue_FailsNamingTheKey()
    {
        using var services = Services(new() { ["AtotiAuth:Sample:Size"] = "1000" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SampleOptions>>().Value);

        Assert.Contains(failure.Failures, static f => f.StartsWith("AtotiAuth:Sample:Url (environment variable AtotiAuth__Sample__Url)", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, static f => f.StartsWith("AtotiAuth:Sample:Size (environment variable AtotiAuth__Sample__Size)", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_EveryKindOfValue_AsConfigurationKeys()
    {
        using var services = Services(new()
        {
            ["AtotiAuth:Sample:Url"] = "redis:6379,password=secret",
            ["AtotiAuth:Sample:Enabled"] = "false",
            ["AtotiAuth:Sample:Interval"] = "00:00:07",
            ["AtotiAuth:Sample:Flavour"] = "Salted",
            ["AtotiAuth:Sample:Origins:0"] = "https://a",
            ["AtotiAuth:Sample:Origins:1"] = "https://b",
            ["AtotiAuth:Sample:Mapping:ROLE_X:0"] = "ROLE_USER",
            ["AtotiAuth:Sample:Providers:google:Id"] = "g",
        });

        var described = OptionsReport.Describe(services);

        Assert.Equal(
            [
                new("AtotiAuth:Sample:Url", OptionsDescription.Fingerprint("redis:6379,password=secret")),
                new("AtotiAuth:Sample:Enabled", "false"),
                new("AtotiAuth:Sample:Size", "10"),
                new("AtotiAuth:Sample:Interval", "00:00:07"),
                new("AtotiAuth:Sample:Flavour", "Salted"),
                new("AtotiAuth:Sample:Origins:0", OptionsDescription.Fingerprint("https://a")),
                new("AtotiAuth:Sample:Origins:1", OptionsDescription.Fingerprint("https://b")),
                new("AtotiAuth:Sample:Mapping:ROLE_X:0", OptionsDescription.Fingerprint("ROLE_USER")),
                new("AtotiAuth:Sample:Providers:google", "(section)"),
                new("AtotiAuth:Sample:Empty", "(null)"),
            ],
            described);
        Assert.DoesNotContain(described, static d => d.Value.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_EmptyCollections_SaySo()
    {
        using var services = Services([]);

        var described = OptionsReport.Describe(services).ToDictionary(static d => d.Key, static d => d.Value);

        Assert.Equal("(empty)", described["AtotiAuth:Sample:Origins"]);
        Assert.Equal("(empty)", described["AtotiAuth:Sample:Mapping"]);
    }

    [Fact]
    public void Fingerprint_IsTheSha256OfTheUtf8Value()
    {
        // printf %s 'redis:6379' | sha256sum
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("redis:6379"u8))[..16], OptionsDescription.Fingerprint("redis:6379"));
    }

    [Fact]
    public void Write_ValidOptions_LinesAndExitCode0()
    {
        using var services = Services(new() { ["AtotiAuth:Sample:Url"] = "u" });
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = OptionsReport.Write(services, output, error);

        Assert.Equal(0, exit);
        Assert.Contains("AtotiAuth:Sample:Size=10", output.ToString().Split(Environment.NewLine), StringComparer.Ordinal);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void Write_InvalidOptions_DescribesThemAndFailsWithTheStartChecksMessages()
    {
        using var services = Services(new() { ["AtotiAuth:Sample:Size"] = "0" });
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = OptionsReport.Write(services, output, error);

        Assert.Equal(1, exit);
        Assert.Contains("AtotiAuth:Sample:Size=0", output.ToString().Split(Environment.NewLine), StringComparer.Ordinal);
        Assert.Contains("AtotiAuth:Sample:Size (environment variable AtotiAuth__Sample__Size)", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--describe-options" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1", "--describe-options" }, true)]
    [InlineData(new[] { "--describe-options=true" }, false)]
    [InlineData(new string[0], false)]
    public void IsRequested_OnlyTheSwitch(string[] args, bool requested) => Assert.Equal(requested, OptionsReport.IsRequested(args));
}
