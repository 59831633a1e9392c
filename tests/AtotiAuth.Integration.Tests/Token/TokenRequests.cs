using System.Net.Http.Json;
using System.Text.Json;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>Small helpers to call <c>/jwt</c> as the UI does.</summary>
internal static class TokenRequests
{
    public static async Task<HttpResponseMessage> GetJwtAsync(this HttpClient client, string? cookie = null, string? authorization = null, string path = "/jwt")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<string> ReadTokenAsync(this HttpResponseMessage response)
    {
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(TestContext.Current.CancellationToken);
        return body!.RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<string?> ReadProblemCodeAsync(this HttpResponseMessage response)
    {
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(TestContext.Current.CancellationToken);
        return body!.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
