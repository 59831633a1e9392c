using AtotiAuth.Shared.DataProtection;
using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AtotiAuth.Shared.Hosting;

/// <summary>The one way every AtotiAuth host starts, so that each <c>Program.cs</c> only composes (STYLE.md §2).</summary>
public static class ServiceHostExtensions
{
    /// <summary>
    /// Builds the host (Data Protection's key ring read at start only where a module needs it); with <c>--describe-options</c> writes its options (<see cref="OptionsReport"/>) and
    /// stops; otherwise maps the default endpoints (<see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>)
    /// and then the service's own, and runs until shut down.
    /// </summary>
    /// <param name="builder">The host, with the service defaults and the service's modules added.</param>
    /// <param name="args">The command line.</param>
    /// <param name="mapEndpoints">Maps the service's endpoints, e.g. <c>TokenServiceExtensions.MapTokenEndpoints</c>.</param>
    /// <returns>The process's exit code.</returns>
    public static int RunAtotiAuthService(
        this WebApplicationBuilder builder,
        string[] args,
        Func<IEndpointRouteBuilder, IEndpointRouteBuilder> mapEndpoints)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mapEndpoints);

        DataProtectionRegistrationExtensions.DeferKeyRingUnlessLoadedAtStart(builder.Services);
        var app = builder.Build();
        if (OptionsReport.IsRequested(args))
        {
            return OptionsReport.Write(app.Services, Console.Out, Console.Error);
        }

        app.MapDefaultEndpoints();
        mapEndpoints(app);
        app.Run();
        return 0;
    }
}
