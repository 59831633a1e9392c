namespace AtotiAuth.Benchmarks.Load;

/// <summary>One scenario's figures; <paramref name="ServerCpuMsPerRequest"/> is the measured server process's CPU per request.</summary>
internal sealed record LoadResult(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, double P999Ms, long Failures, double? ServerCpuMsPerRequest = null, double Seconds = 0, long SocketErrors = 0);
