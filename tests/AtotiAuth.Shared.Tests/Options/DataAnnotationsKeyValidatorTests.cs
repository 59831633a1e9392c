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

        [TimeSpanRange("00:00:01", "00:01:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        [Required]
        [RegularExpression("^[a-z]+$", ErrorMessage = "must be lower-case letters.")]
        public string? Name { get; set; } = "cube";
    }

    private sealed class CrossFieldOptions : IValidatableObject
    {
        [Range(1, 10)]
        public int Low { get; set; } = 1;

        public int High { get; set; } = 2;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (High < Low)
            {
                yield return new ValidationResult("must not be below Low.", [nameof(High)]);
            }
        }
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
        var result = new DataAnnotationsKeyValidator<SampleOptions>("S").Validate(null, new SampleOptions { Replicas = 99, Timeout = TimeSpan.FromHours(1) });

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("S:Replicas ", StringComparison.Ordinal));
        Assert.Contains("S:Timeout (environment variable S__Timeout): The field Timeout must be between 00:00:01 and 00:01:00.", result.Failures!);
    }

    [Fact]
    public void Validate_RequiredMissing_SkipsThatPropertysOtherChecks()
    {
        var result = new DataAnnotationsKeyValidator<SampleOptions>("S").Validate(null, new SampleOptions { Issuer = "x", Name = null });

        Assert.Equal(["S:Name (environment variable S__Name): The Name field is required."], result.Failures!);
    }

    [Fact]
    public void Validate_CustomMessage_Kept()
    {
        var result = new DataAnnotationsKeyValidator<SampleOptions>("S").Validate(null, new SampleOptions { Issuer = "x", Name = "Cube" });

        Assert.Equal(["S:Name (environment variable S__Name): must be lower-case letters."], result.Failures!);
    }

    [Fact]
    public void Validate_ValidatableObject_CheckedOnceAttributesPass()
    {
        var validator = new DataAnnotationsKeyValidator<CrossFieldOptions>("S");

        Assert.Equal(["S:High (environment variable S__High): must not be below Low."], validator.Validate(null, new CrossFieldOptions { Low = 5, High = 3 }).Failures!);
        Assert.Equal(["S:Low (environment variable S__Low): The field Low must be between 1 and 10."], validator.Validate(null, new CrossFieldOptions { Low = 20, High = 3 }).Failures!);
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var result = new DataAnnotationsKeyValidator<SampleOptions>("S").Validate(null, new SampleOptions { Issuer = "https://auth" });

        Assert.True(result.Succeeded);
    }
}
