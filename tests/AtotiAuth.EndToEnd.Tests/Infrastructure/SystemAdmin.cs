using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>The identity service's admin API through the gateway, as an operator's script calls it (HTTP Basic).</summary>
internal sealed class SystemAdmin(Gateway gateway, string adminName, string adminPassword)
{
    /// <summary>Creates a basic user with a unique name (tests never share users, sessions or throttling counters).</summary>
    public async Task<SystemUser> CreateUserAsync(string prefix, CancellationToken cancellationToken, params string[] extraRoles)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Auth, "/admin/users"))
        {
            Content = JsonContent.Create(new { userName = name, password, roles = extraRoles }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{adminName}:{adminPassword}")));
        using var response = await client.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return new SystemUser(gateway, name, password);
    }
}
