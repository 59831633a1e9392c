using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// The JSON answer of one admin listing, serialized once per copy of the data it is made from
/// (<see cref="AdminListCache"/>): while a request gets the same copies as the last one, it gets the
/// same bytes, so a polled listing is neither rebuilt nor serialized again, and is never older than its copies.
/// </summary>
internal sealed class ListingBody
{
    private volatile Entry? _entry;

    /// <summary>The bytes made from <paramref name="first"/> and <paramref name="second"/> (compared by reference), made with <paramref name="make"/> when they changed.</summary>
    public byte[] For(object first, object? second, Func<byte[]> make)
    {
        if (_entry is { } entry && ReferenceEquals(entry.First, first) && ReferenceEquals(entry.Second, second))
        {
            return entry.Json;
        }

        var json = make();
        _entry = new Entry(first, second, json);
        return json;
    }

    private sealed record Entry(object First, object? Second, byte[] Json);
}

/// <summary>
/// A <c>200</c> with a JSON body already serialized, described in the OpenAPI document as
/// <typeparamref name="T"/>, as <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/> would be.
/// </summary>
internal sealed class JsonBody<T>(byte[] utf8Json) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = utf8Json.Length;
        return response.BodyWriter.WriteAsync(utf8Json).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
