using System.Net.Http.Headers;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// The requests sent to one service: every route with every malformed path (where the route has a
/// parameter), query string and, for methods with a body, body; each once anonymously and, for routes
/// behind authorization, once per credential that passes it, so the bad part reaches the handler. Header
/// and cookie cases go anonymously (they bring their own <c>Authorization</c> or cookies).
/// </summary>
internal static class FuzzPlan
{
    private static readonly UriCreationOptions Raw = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public static IEnumerable<FuzzRequest> For(FuzzTarget target)
    {
        foreach (var route in target.Routes)
        {
            foreach (var credential in target.Credentials)
            {
                if (credential is not null && !route.Authorized)
                {
                    continue;
                }

                if (route.Template.Contains('{', StringComparison.Ordinal))
                {
                    foreach (var input in MalformedInputs.Paths)
                    {
                        yield return new(target, route, input, credential, null);
                    }
                }

                foreach (var input in MalformedInputs.Queries)
                {
                    yield return new(target, route, input, credential, null);
                }

                if (route.Method is not ("GET" or "HEAD"))
                {
                    foreach (var input in MalformedInputs.Bodies)
                    {
                        yield return new(target, route, input, credential, null);
                    }
                }
            }

            foreach (var input in MalformedInputs.Headers)
            {
                IReadOnlyList<string?> cookies = input.Headers!.Any(static h => h.Value.Contains("{cookie}", StringComparison.Ordinal)) ? [.. target.CookieNames] : [null];
                foreach (var cookie in cookies)
                {
                    yield return new(target, route, input, null, cookie);
                }
            }
        }
    }

    public static HttpRequestMessage Build(FuzzRequest request)
    {
        var (target, route, input, credential, cookie) = request;
        var path = RouteCatalog.Fill(route.Template, input.PathValue);
        var uri = new Uri(target.Address.GetLeftPart(UriPartial.Authority) + path + input.Query, Raw);
        var message = new HttpRequestMessage(new HttpMethod(route.Method), uri);
        message.Headers.Authorization = credential;
        if (input.Body is not null)
        {
            message.Content = new ByteArrayContent(input.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType);
        }

        foreach (var (name, value) in input.Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, cookie is null ? value : value.Replace("{cookie}", cookie, StringComparison.Ordinal));
        }

        return message;
    }
}

/// <summary>One request of the plan; its text names everything needed to send it again by hand.</summary>
internal sealed record FuzzRequest(FuzzTarget Target, FuzzRoute Route, MalformedInput Input, AuthenticationHeaderValue? Credential, string? Cookie)
{
    public override string ToString()
        => $"{Target.Service} {Route} [{Input}{(Cookie is null ? "" : $", cookie {Cookie}")}{(Credential is null ? "" : $", as {Credential.Scheme}")}]";
}
