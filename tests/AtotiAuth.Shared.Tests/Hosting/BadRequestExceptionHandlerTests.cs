using System.Text;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace AtotiAuth.Shared.Tests.Hosting;

public sealed class BadRequestExceptionHandlerTests
{
    [Theory]
    [InlineData("   at Microsoft.AspNetCore.WebUtilities.MultipartReaderStream.ReadAsync(Memory`1 buffer, CancellationToken cancellationToken)\n   at Next.Frame()", "Microsoft.AspNetCore.WebUtilities.MultipartReaderStream.ReadAsync")]
    [InlineData("   at Microsoft.AspNetCore.WebUtilities.MultipartReaderStream.<ReadAsync>d__38.MoveNext() + 0x1a4\n   at Next.Frame() + 0x10", "Microsoft.AspNetCore.WebUtilities.MultipartReaderStream.<ReadAsync>d__38.MoveNext")]
    [InlineData("   at AtotiAuth.Identity.Login.LoginEndpoints.PostAsync(HttpContext context) in /src/Login.cs:line 12", "AtotiAuth.Identity.Login.LoginEndpoints.PostAsync")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ThrowingMethod_FirstFrame_InTheJitAndTheNativeAotShapes(string? stackTrace, string? method) =>
        Assert.Equal(method, BadRequestExceptionHandler.ThrowingMethod(stackTrace));

    [Fact]
    public async Task StatusFor_IOExceptionFromTheMultipartReader_Is400()
    {
        // A multipart body cut short: the framework's reader throws an IOException of its own.
        var body = new MemoryStream(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"));
        var reader = new MultipartReader("b", body);
        var section = await reader.ReadNextSectionAsync(TestContext.Current.CancellationToken);
        var thrown = await Assert.ThrowsAnyAsync<IOException>(() => section!.Body.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));

        Assert.Equal(400, BadRequestExceptionHandler.StatusFor(thrown));
    }

    [Fact]
    public void StatusFor_InvalidOperationOfOurs_IsNotBadInput()
    {
        InvalidOperationException thrown;
        try
        {
            throw new InvalidOperationException("a fault of ours");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        Assert.Null(BadRequestExceptionHandler.StatusFor(thrown));
    }
}
