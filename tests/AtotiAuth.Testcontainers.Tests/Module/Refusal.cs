using System.Net;

namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>The status a module helper was refused with (it throws <see cref="HttpRequestException"/> with the status).</summary>
public static class Refusal
{
    public static async Task<HttpStatusCode?> StatusOfAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(call);
        return refused.StatusCode;
    }
}
