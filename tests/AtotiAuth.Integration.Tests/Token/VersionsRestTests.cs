using System.Net;
using System.Text.Json;
using AtotiAuth.Integration.Tests.Ping;
using AtotiAuth.Standalone;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>
/// Issue 22: Atoti's <c>/versions/rest</c> is answered by the service that serves it wherever the JWT
/// server runs. The split deployment routes it to the token service (the Ingress, the end-to-end gateway);
/// the standalone host serves it itself, on its in-memory store.
/// </summary>
public sealed class VersionsRestTests
{
    [Fact]
    public async Task VersionsRest_OnTheStandaloneHost_IsTheJwtServersDocument()
    {
        // Development settings name a UI folder relative to the repository root; none is needed here.
        await using var standalone = new KestrelHost<StandaloneHostMarker>(new Dictionary<string, string?> { ["AtotiAuth:Identity:EmbeddedUi:RootPath"] = "" });
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(standalone.Address, "/versions/rest"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("/activeviam/jwt/rest/v3", body.GetProperty("apis").GetProperty("jwt").GetProperty("versions")[0].GetProperty("restPath").GetString());
    }
}
