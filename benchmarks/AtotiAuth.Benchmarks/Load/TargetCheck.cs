namespace AtotiAuth.Benchmarks.Load;

/// <summary>One target an issue sets, beside the figure this run measured.</summary>
internal sealed record TargetCheck(string Subject, string Target, string Measured, bool Met);
