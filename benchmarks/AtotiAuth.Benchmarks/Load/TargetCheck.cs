namespace AtotiAuth.Benchmarks.Load;

/// <summary>One target an issue sets, beside the figure this run measured; <paramref name="Met"/> null where no target was set.</summary>
internal sealed record TargetCheck(string Subject, string Target, string Measured, bool? Met);
