using System.Net;
using System.Text.RegularExpressions;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>An HTTP client that behaves as a browser for these flows: cookies per host, redirects followed one by one.</summary>
public sealed partial class OidcBrowser : IDisposable
{
    private readonly HttpClient _http;

    public OidcBrowser()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true });
    }

    public CookieContainer Cookies { get; }

    /// <summary>GETs <paramref name="url"/> and follows redirects; stops before fetching a URL <paramref name="stopAt"/> accepts.</summary>
    public async Task<Page> NavigateAsync(Uri url, Func<Uri, bool>? stopAt = null)
        => await FollowAsync(await _http.GetAsync(url, TestContext.Current.CancellationToken), url, stopAt);

    public async Task<Page> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> form, Func<Uri, bool>? stopAt = null)
    {
        using var content = new FormUrlEncodedContent(form);
        return await FollowAsync(await _http.PostAsync(url, content, TestContext.Current.CancellationToken), url, stopAt);
    }

    public async Task<Page> FollowAsync(HttpResponseMessage response, Uri url, Func<Uri, bool>? stopAt)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            var status = (int)response.StatusCode;
            if (status is < 300 or >= 400 || response.Headers.Location is null)
            {
                return new Page(url, response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            var next = new Uri(url, response.Headers.Location);
            if (stopAt?.Invoke(next) == true)
            {
                return new Page(url, response, "") { NextUrl = next };
            }

            response.Dispose();
            url = next;
            response = await _http.GetAsync(url, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    /// <summary>Logs in at the provider's dev interaction page (any password) and follows back.</summary>
    public Task<Page> SubmitProviderLoginAsync(Page interaction, string account, Func<Uri, bool>? stopAt = null)
    {
        Assert.Contains("/interaction/", interaction.Url.AbsolutePath, StringComparison.Ordinal);
        return PostFormAsync(interaction.Url, [new("prompt", "login"), new("login", account), new("password", "any")], stopAt);
    }

    public static IReadOnlyDictionary<string, string> HiddenInputs(string html)
        => HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    public static string? FormAction(string html) => FormActionPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The <c>data-code</c> of an error page or the login page's error.</summary>
    public static string? ErrorCode(string html) => DataCode().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormActionPattern();

    [GeneratedRegex("data-code=\"([^\"]+)\"")]
    private static partial Regex DataCode();

    /// <summary>Where the browser stopped: the last URL fetched, its response, and the next URL when stopped before it.</summary>
    public sealed record Page(Uri Url, HttpResponseMessage Response, string Body)
    {
        public Uri? NextUrl { get; init; }

        public HttpStatusCode Status => Response.StatusCode;
    }
}
