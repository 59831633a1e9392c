using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Shared.Tests.Hosting;

public sealed class ProblemsTests
{
    private static readonly ProblemCode Invalid = new("invalid_request", StatusCodes.Status400BadRequest, "A field of the request is invalid.");

    [Fact]
    public void Result_Problem_CarriesStatusTitleAndCode()
    {
        var result = Problems.Result(CommonProblems.MissingRole, "detail for people");

        Assert.Equal(StatusCodes.Status403Forbidden, result.StatusCode);
        Assert.Equal((CommonProblems.MissingRole.Title, "detail for people"), (result.ProblemDetails.Title, result.ProblemDetails.Detail));
        Assert.Equal("missing_role", result.ProblemDetails.Extensions["code"]);
    }

    [Fact]
    public void Invalid_Field_CarriesCodeFieldAndError()
    {
        var result = Problems.Invalid(Invalid, "userName", "'userName' is required.");

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Equal(("invalid_request", "userName"), (result.ProblemDetails.Extensions["code"], result.ProblemDetails.Extensions["field"]));
        Assert.Equal(["'userName' is required."], result.ProblemDetails.Errors["userName"]);
    }

    [Fact]
    public void Invalid_ProblemOtherThan400_Throws()
    {
        Assert.Throws<ArgumentException>(() => Problems.Invalid(CommonProblems.MissingCredentials, "userName", "is required."));
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized, "Basic realm=\"r\"", null)]
    [InlineData(StatusCodes.Status503ServiceUnavailable, null, "5")]
    [InlineData(StatusCodes.Status403Forbidden, null, null)]
    public void AddHeaders_ByStatus_ChallengeOrRetryAfterAndNoStore(int status, string? challenge, string? retryAfter)
    {
        var response = new DefaultHttpContext().Response;

        Problems.AddHeaders(response, new ProblemCode("some_code", status, "Some title."), "Basic realm=\"r\"");

        Assert.Equal(challenge, response.Headers.WWWAuthenticate.ToString() is { Length: > 0 } c ? c : null);
        Assert.Equal(retryAfter, response.Headers.RetryAfter.ToString() is { Length: > 0 } r ? r : null);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }
}
