using System.Text;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// The bad input the fuzz test sends: forms, JSON, headers, cookies, paths and query strings that do not
/// parse or parse into something no handler expects (issue 22). Each is a fixed, named case, so a failure
/// names what broke, and a run is repeatable.
/// </summary>
internal static class MalformedInputs
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Json = "application/json";

    public static IReadOnlyList<MalformedInput> Paths { get; } =
    [
        MalformedInput.Path("%00"),
        MalformedInput.Path("%FF%FE"),
        MalformedInput.Path("%"),
        MalformedInput.Path("%zz"),
        MalformedInput.Path("..%2F..%2Fetc%2Fpasswd"),
        MalformedInput.Path("%2e%2e"),
        MalformedInput.Path("%C0%AF"),
        MalformedInput.Path("%E2%80%AE%EF%BC%A1"),
        MalformedInput.Path("a%0D%0ASet-Cookie:%20x=1"),
        MalformedInput.Path("%3Cscript%3E"),
        MalformedInput.Path(new string('a', 4000)),
    ];

    public static IReadOnlyList<MalformedInput> Queries { get; } =
    [
        MalformedInput.InQuery("?redirectUrl=%00"),
        MalformedInput.InQuery("?redirectUrl=%"),
        MalformedInput.InQuery("?redirectUrl=%FF%FE"),
        MalformedInput.InQuery("?redirectUrl=http://%5B::1"),
        MalformedInput.InQuery("?redirectUrl=//evil.example/%2e%2e"),
        MalformedInput.InQuery("?redirectUrl=" + new string('a', 6000)),
        MalformedInput.InQuery("?redirectUrl=a&redirectUrl=b"),
        MalformedInput.InQuery("?%=%&%zz"),
        MalformedInput.InQuery("?code=%00&state=%00"),
        MalformedInput.InQuery("?code=x&state=" + new string('A', 3000)),
        MalformedInput.InQuery("?error=%00&error_description=%FF&state=x"),
        MalformedInput.InQuery("?offset=-1&limit=abc&cursor=%00&page=%FF"),
        MalformedInput.InQuery("?limit=99999999999999999999999&offset=1e400"),
        MalformedInput.InQuery("?userName=%00&provider=%FF&prefix=%"),
        MalformedInput.InQuery("?iss=%00&sid=%00&id_token_hint=..."),
    ];

    public static IReadOnlyList<MalformedInput> Headers { get; } =
    [
        MalformedInput.Header("Authorization", "Basic !!!"),
        MalformedInput.Header("Authorization", "Basic " + Base64("no-colon")),
        MalformedInput.Header("Authorization", "Basic " + Base64(":")),
        MalformedInput.Header("Authorization", "Basic " + Convert.ToBase64String([0xFF, 0xFE, 0x3A, 0xC0])),
        MalformedInput.Header("Authorization", "Basic " + Base64("\0:\0")),
        MalformedInput.Header("Authorization", "Basic " + Base64(new string('a', 3000) + ":" + new string('b', 3000))),
        MalformedInput.Header("Authorization", "Basic"),
        MalformedInput.Header("Authorization", "Bearer a.b.c"),
        MalformedInput.Header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30."),
        MalformedInput.Header("Authorization", "Bearer " + new string('x', 8000)),
        MalformedInput.Header("Authorization", "Jwt %%%"),
        MalformedInput.Header("Authorization", "Negotiate ???"),
        MalformedInput.Header("Cookie", "{cookie}=%"),
        MalformedInput.Header("Cookie", "{cookie}=%00"),
        MalformedInput.Header("Cookie", "{cookie}=CfDJ8!!!not-base64"),
        MalformedInput.Header("Cookie", "{cookie}=" + new string('A', 3500)),
        MalformedInput.Header("Cookie", "{cookie}"),
        MalformedInput.Header("Cookie", "=;;=;{cookie}==;{cookie}=a"),
        MalformedInput.Header("Cookie", ".AspNetCore.Correlation.x=garbage; .AspNetCore.OpenIdConnect.Nonce.x=N; .AspNetCore.Antiforgery.x=%%%"),
        MalformedInput.Header("Origin", "null"),
        MalformedInput.Header("Origin", "http://["),
        MalformedInput.Header("Referer", "::::"),
        MalformedInput.Header("Sec-Fetch-Site", "???"),
        MalformedInput.Header("X-Forwarded-For", "not-an-ip, 999.999.1.1"),
        MalformedInput.Header("X-Forwarded-Proto", "gopher"),
        MalformedInput.Header("X-Forwarded-Host", "[[::"),
        MalformedInput.Header("Forwarded", "for=\"[::\";proto=x;host=%"),
        MalformedInput.Header("Accept", "*/*;q=abc"),
        MalformedInput.Header("Accept-Language", ",,,;q="),
        MalformedInput.Header("If-Modified-Since", "garbage"),
        MalformedInput.Header("If-None-Match", "\""),
        MalformedInput.Header("Range", "bytes=9-1"),
        MalformedInput.Header("Range", "bytes=abc"),
        new("header websocket upgrade without key", Headers: [new("Connection", "Upgrade"), new("Upgrade", "websocket"), new("Sec-WebSocket-Version", "99")]),
    ];

    public static IReadOnlyList<MalformedInput> Bodies { get; } =
    [
        MalformedInput.WithBody(Form, "username=%00&password=%00"),
        MalformedInput.WithBody(Form, "username=%FF%FE&password=x"),
        MalformedInput.WithBody(Form, "%=%"),
        MalformedInput.WithBody(Form, "a=%zz&b=%"),
        MalformedInput.WithBody(Form, "__RequestVerificationToken=%00&username=a&password=b&redirectUrl=%00"),
        MalformedInput.WithBody(Form, "logout_token=%00"),
        MalformedInput.WithBody(Form, string.Join('&', Enumerable.Range(0, 1500).Select(static i => $"f{i}=1"))),
        MalformedInput.WithBody(Form, new string('k', 5000) + "=1"),
        MalformedInput.WithBody(Form + "; charset=bogus", "username=a&password=b"),
        MalformedInput.WithBody("multipart/form-data; boundary=zzz", "garbage"),
        MalformedInput.WithBody("multipart/form-data", "x"),
        MalformedInput.WithBody("multipart/form-data; boundary=" + new string('b', 100), "--b\r\n"),
        MalformedInput.WithBody(Json, "{"),
        MalformedInput.WithBody(Json, "[]"),
        MalformedInput.WithBody(Json, "null"),
        MalformedInput.WithBody(Json, "\"text\""),
        MalformedInput.WithBody(Json, "{\"roles\":5,\"password\":{},\"name\":[]}"),
        MalformedInput.WithBody(Json, "{\"roles\":[null],\"status\":\"Sleeping\"}"),
        MalformedInput.WithBody(Json, "{\"name\":\"\\u0000\",\"password\":\"\\u0000\",\"roles\":[\"\\u0000\"]}"),
        MalformedInput.WithBody(Json, "{\"roles\":[],\"roles\":5}"),
        MalformedInput.WithBody(Json, "1e999999"),
        MalformedInput.WithBody(Json, new string('[', 200) + new string(']', 200)),
        MalformedInput.WithBody(Json, [0xFF, 0xFE, 0x7B, 0x22, 0xC0, 0x22, 0x7D], "invalid UTF-8"),
        MalformedInput.WithBody(Json + "; charset=bogus", "{}"),
        MalformedInput.WithBody("text/plain", "\0\0\0"),
        MalformedInput.WithBody(";;;", "x"),
    ];

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
