using System.Net.Sockets;
using System.Text;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// Requests no HTTP client library will send (a NUL or a non-ASCII byte in a header, a lying
/// <c>Content-Length</c>, a broken chunk), written on a socket as bytes; answers the status code, or 0
/// when the server closed the connection without one.
/// </summary>
internal static class RawHttp
{
    public static IReadOnlyList<(string Name, byte[] Request)> Cases(string host) =>
    [
        ("NUL in the path", Ascii($"GET /%00 HTTP/1.1\r\nHost: {host}\r\n\r\n")),
        ("NUL byte in a header", Bytes($"GET /login HTTP/1.1\r\nHost: {host}\r\nX-Test: a", [0], "b\r\n\r\n")),
        ("non-ASCII bytes in a cookie", Bytes($"GET /login HTTP/1.1\r\nHost: {host}\r\nCookie: ATOTIAUTH_SESSION=", [0xFF, 0xFE, 0xC0], "\r\n\r\n")),
        ("non-ASCII bytes in Authorization", Bytes($"GET /jwt HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer ", [0xE2, 0x82, 0xAC], "\r\n\r\n")),
        ("raw UTF-8 in the path", Bytes("GET /login/", [0xC3, 0xA9], $" HTTP/1.1\r\nHost: {host}\r\n\r\n")),
        ("invalid UTF-8 in the query", Bytes("GET /login?redirectUrl=", [0xFF], $" HTTP/1.1\r\nHost: {host}\r\n\r\n")),
        ("no Host header", Ascii("GET /login HTTP/1.1\r\n\r\n")),
        ("negative Content-Length", Ascii($"POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: -1\r\n\r\n")),
        ("broken chunk", Ascii($"POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nusername=a\r\n0\r\n\r\n")),
        ("chunked JSON cut short", Ascii($"POST /admin/users HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{{\"nam\r\n")),
        ("Content-Length and Transfer-Encoding", Ascii($"POST /logout HTTP/1.1\r\nHost: {host}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")),
        ("request line garbage", Ascii("\u0001\u0002 / HTTP/9.9\r\n\r\n")),
        ("header without colon", Ascii($"GET /login HTTP/1.1\r\nHost: {host}\r\nNoColonHere\r\n\r\n")),
        ("absolute-form target of another host", Ascii($"GET http://evil.example/login HTTP/1.1\r\nHost: {host}\r\n\r\n")),
    ];

    public static async Task<int> SendAsync(Uri address, byte[] request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cancellationToken);
        client.Client.Shutdown(SocketShutdown.Send);
        var buffer = new byte[64];
        var read = 0;
        try
        {
            while (read < 12)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        catch (IOException)
        {
            // Reset by the server after refusing the request: no status to read.
        }

        var line = Encoding.ASCII.GetString(buffer, 0, read);
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var status) ? status : 0;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Ascii(before), .. middle, .. Ascii(after)];
}
