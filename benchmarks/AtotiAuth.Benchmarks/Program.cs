using AtotiAuth.Benchmarks.Load;
using BenchmarkDotNet.Running;

// `load …` runs the load harness and `section NAME FILE` copies a report into docs/benchmarks.md
// (both from scripts/bench.sh); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "oidc-callback")
{
    return await AtotiAuth.Benchmarks.Oidc.OidcCallbackTiming.RunAsync(args[1..]);
}

if (args.Length == 3 && args[0] == "section")
{
    LoadReport.WriteSection(Path.Combine(LoadCommand.FindRoot(), "docs", "benchmarks.md"), args[1], File.ReadAllText(args[2]));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
return 0;
