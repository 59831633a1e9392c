namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>Docker labels on everything a run creates, so a run's leftovers can be found and removed.</summary>
internal static class EndToEndLabels
{
    /// <summary>The run id (also in every container and network name).</summary>
    public const string Run = "org.atotiauth.e2e-run";
}
