using System.Text;
using System.Text.Encodings.Web;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// The frame of the identity service's few HTML pages: no external assets, inline CSS only, and a
/// Content-Security-Policy that forbids scripts, framing and form posts to anyone but ourselves and
/// the allowed UI origins (Chromium applies <c>form-action</c> to the redirect after a post too).
/// </summary>
internal static class HtmlLayout
{
    private const string Style = """
        :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
        body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
        main { width: min(24rem, 92vw); padding: 2rem; border: 1px solid GrayText; border-radius: .5rem; }
        h1 { font-size: 1.4rem; margin: 0 0 1rem; }
        label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
        input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
        button { margin-top: 1.25rem; width: 100%; padding: .6rem; font-size: 1rem; cursor: pointer; }
        :focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
        .error { margin: 0 0 1rem; padding: .6rem; border-left: 4px solid #c62828; background: color-mix(in srgb, #c62828 12%, Canvas); }
        .providers:empty { display: none; }
        .provider { display: block; margin-top: .75rem; padding: .6rem; text-align: center; border: 1px solid GrayText; border-radius: .25rem; }
        """;

    private const string Head = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";

    private const string AfterTitle = "</title>\n<style>" + Style + "</style>\n</head>\n<body>\n<main>\n";

    private const string Tail = "</main>\n</body>\n</html>\n";

    /// <summary>A builder holding the page's frame up to its content, sized for the frame and <paramref name="contentLength"/> more.</summary>
    public static StringBuilder Begin(string title, int contentLength) =>
        new StringBuilder(Head.Length + title.Length + AfterTitle.Length + contentLength + Tail.Length)
            .Append(Head).Append(Encode(title)).Append(AfterTitle);

    /// <summary>Closes the frame <see cref="Begin"/> opened; the page.</summary>
    public static string End(StringBuilder html) => html.Append(Tail).ToString();

    public static string Render(string title, string body) => End(Begin(title, body.Length).Append(body));

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    private static CachedPolicy? s_policy;

    public static void ApplyHeaders(HttpResponse response, IList<string> formTargets)
    {
        // The targets are the validated options' list, the same instance on every call: built once.
        var cached = s_policy;
        if (cached is null || !ReferenceEquals(cached.Targets, formTargets))
        {
            cached = new CachedPolicy(formTargets, $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {string.Join(' ', formTargets)}; frame-ancestors 'none'; base-uri 'none'");
            s_policy = cached;
        }

        response.Headers.ContentSecurityPolicy = cached.Policy;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
    }

    private sealed record CachedPolicy(IList<string> Targets, string Policy);
}
