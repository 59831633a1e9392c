using AtotiAuth.Benchmarks.Images;
using AtotiAuth.Benchmarks.Ldap;
using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Benchmarks.Oidc;
using BenchmarkDotNet.Running;

// The measurement commands of scripts/bench.sh; anything else goes to BenchmarkDotNet.
//   load [--quick]            load runs against a baseline in the same run
//   ldap [--quick]            LDAP login against a raw bind+search
//   oidc-callback [...]       the OIDC callback's own time
//   images [--runs N]         each service image: start to /readyz, CPU to ready, idle memory
//   section NAME FILE         copies a report into docs/benchmarks.md
return args switch
{
    ["load", .. var rest] => await LoadCommand.RunAsync(rest),
    ["ldap", .. var rest] => await LdapLoginCommand.RunAsync(rest),
    ["oidc-callback", .. var rest] => await OidcCallbackTiming.RunAsync(rest),
    ["images", .. var rest] => await ImageStartupCommand.RunAsync(rest),
    ["section", var name, var file] => Section(name, file),
    _ => Micro(args),
};

static int Section(string name, string file)
{
    LoadReport.WriteSection(Path.Combine(LoadCommand.FindRoot(), "docs", "benchmarks.md"), name, File.ReadAllText(file));
    return 0;
}

static int Micro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
    return 0;
}
