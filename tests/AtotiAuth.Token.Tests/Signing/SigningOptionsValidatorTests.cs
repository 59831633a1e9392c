using AtotiAuth.Token.Signing;

namespace AtotiAuth.Token.Tests.Signing;

public sealed class SigningOptionsValidatorTests
{
    private readonly SigningOptionsValidator _validator = new();

    [Fact]
    public void Validate_NoKeyDirectory_NamesTheSettingAndVariable()
    {
        var result = _validator.Validate(null, new SigningOptions());

        Assert.True(result.Failed);
        Assert.Contains("AtotiAuth:Token:Signing:KeyDirectory", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AtotiAuth__Token__Signing__KeyDirectory", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingDirectory_NamesTheSetting()
    {
        var result = _validator.Validate(null, new SigningOptions { KeyDirectory = "/nonexistent/keys" });

        Assert.Contains("AtotiAuth:Token:Signing:KeyDirectory '/nonexistent/keys'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS512")]
    [InlineData("rs512")]
    public void Validate_UnsupportedAlgorithm_NamesTheSetting(string algorithm)
    {
        var result = _validator.Validate(null, new SigningOptions { GenerateEphemeralKey = true, Algorithm = algorithm });

        Assert.Contains("AtotiAuth:Token:Signing:Algorithm", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EphemeralKeyWithoutDirectory_Succeeds()
    {
        Assert.True(_validator.Validate(null, new SigningOptions { GenerateEphemeralKey = true }).Succeeded);
    }
}
