using System.Text;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// One malformed request part. <see cref="PathValue"/> replaces every route placeholder (already
/// percent-encoded, sent as is); <see cref="Query"/> is appended as is; header values may hold
/// <c>{cookie}</c>, replaced by each cookie name the service reads.
/// </summary>
public sealed record MalformedInput(string Name, string PathValue = "fuzz-user", string Query = "", IReadOnlyList<KeyValuePair<string, string>>? Headers = null, string? ContentType = null, byte[]? Body = null)
{
    public override string ToString() => Name;

    public static MalformedInput Path(string value) => new($"path {Short(value)}", PathValue: value);

    public static MalformedInput InQuery(string query) => new($"query {Short(query)}", Query: query);

    public static MalformedInput Header(string name, string value) => new($"header {name}: {Short(value)}", Headers: [new(name, value)]);

    public static MalformedInput WithBody(string contentType, string body) => WithBody(contentType, Encoding.UTF8.GetBytes(body), body);

    public static MalformedInput WithBody(string contentType, byte[] body, string description) => new($"body {contentType} {Short(description)}", ContentType: contentType, Body: body);

    private static string Short(string text) => text.Length <= 60 ? text : $"{text[..40]}…({text.Length} chars)";
}
