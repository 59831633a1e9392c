using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;

namespace AtotiAuth.Shared.Tests.Options;

public sealed class DataAnnotationsKeyValidatorTests
{
    private sealed class SampleOptions
    {
        [Required]
        public string? Issuer { get; set; }

        [Range(1, 10)]
        public int Replicas { get; set; } = 1;
    }

    [Fact]
    public void Validate_MissingRequired_NamesKeyAndEnvironmentVariable()
    {
        var result = new DataAnnotationsKeyValidator<SampleOptions>("AtotiAuth:Sample").Validate(null, new SampleOptions());

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("AtotiAuth:Sample:Issuer (environment variable AtotiAuth__Sample__Issuer):", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralFailures_ReportsEach()
    {
        var result = new DataAnnotationsKeyValidator<SampleOptions>("S").Validate(null, new SampleOptions { Replicas = 99 });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("S:Replicas ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var result = new DataAnnotationsKeyValidator<SampleOptions>("S").Validate(null, new SampleOptions { Issuer = "https://auth" });

        Assert.True(result.Succeeded);
    }
}
