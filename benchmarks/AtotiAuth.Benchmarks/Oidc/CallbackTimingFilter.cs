using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Benchmarks.Oidc;

/// <summary>Outermost middleware: times requests to the callback path <c>/login/oauth2/code/*</c>.</summary>
internal sealed class CallbackTimingFilter(CallbackClock clock) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/login/oauth2/code", StringComparison.Ordinal))
                {
                    await clock.MeasureAsync(() => nextMiddleware(context));
                }
                else
                {
                    await nextMiddleware(context);
                }
            });
            next(app);
        };
}
