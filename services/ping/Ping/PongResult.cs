using Microsoft.AspNetCore.Http.Metadata;

namespace AtotiAuth.Ping.Ping;

/// <summary>
/// The answer of a successful ping: <c>200</c>, <c>text/plain</c>, <c>pong</c>. One instance writing
/// the same four bytes: a ping is the request a UI sends most, and the general text result parses its
/// content type and encodes its string on every call.
/// </summary>
internal sealed class PongResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private static readonly ReadOnlyMemory<byte> Body = "pong"u8.ToArray();

    private PongResult()
    {
    }

    public static PongResult Instance { get; } = new();

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "text/plain";

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/plain"]));
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body).AsTask();
    }
}
