using System.Text.Json.Nodes;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// Sits between the identity service's backchannel and the real provider and rewrites the ID token of
/// token endpoint responses: what a network attacker or a broken provider would hand back.
/// </summary>
public sealed class IdTokenRewritingHandler(Func<string, string> rewrite) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        json["id_token"] = rewrite(json["id_token"]!.GetValue<string>());
        response.Content = new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return response;
    }
}
