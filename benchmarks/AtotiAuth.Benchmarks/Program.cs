using AtotiAuth.Benchmarks.Load;
using BenchmarkDotNet.Running;

// `load …` runs the load harness (scripts/bench.sh); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
return 0;
