using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>Observes (never alters) the logout tokens the provider posts, so a test can replay one.</summary>
public sealed class LogoutTokenRecorder(List<string> tokens) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/oauth2/backchannel-logout", StringComparison.Ordinal)
                && context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                lock (tokens)
                {
                    tokens.Add(form["logout_token"].ToString());
                }
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
