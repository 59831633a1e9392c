namespace AtotiAuth.Benchmarks.Images;

/// <summary>One start of one image.</summary>
/// <param name="ReadyMs">From the container's start (Docker's <c>State.StartedAt</c>) to the first <c>/readyz</c> 200.</param>
/// <param name="CpuMs">CPU time the container had used when it was first ready.</param>
/// <param name="IdleRssMiB">Resident memory of the service process (PID 1), idle after start.</param>
/// <param name="IdleCgroupMiB">The container's memory as its cgroup counts it (page cache excluded), idle after start.</param>
internal sealed record ImageSample(double ReadyMs, double CpuMs, double IdleRssMiB, double IdleCgroupMiB);
