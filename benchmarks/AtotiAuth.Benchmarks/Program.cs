using AtotiAuth.Benchmarks.Images;
using AtotiAuth.Benchmarks.Kerberos;
using AtotiAuth.Benchmarks.Ldap;
using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Benchmarks.Oidc;
using AtotiAuth.Benchmarks.Run;
using BenchmarkDotNet.Running;

// The measurement commands; anything else goes to BenchmarkDotNet (e.g. --filter '*Store*').
//   run [--quick] [--only a,b] [--profile [cpu|thread-time]]   everything scripts/bench.sh runs (see --help)
//   ldap [--quick]                                             the LDAP login alone, printed
//   kerberos [--quick]                                         the Kerberos login beside a basic one, printed
//   oidc-callback [--logins N] [--warmup W] [--in-memory-store] the OIDC callback alone, printed
//   images [--runs N]                                          each service image: start to /readyz, CPU to ready, idle memory
return args switch
{
    ["run", .. var rest] => await RunCommand.RunAsync(rest),
    ["ldap", .. var rest] => await LdapLoginCommand.RunAsync(rest),
    ["kerberos", .. var rest] => await KerberosLoginCommand.RunAsync(rest),
    ["oidc-callback", .. var rest] => await OidcCallbackTiming.RunAsync(rest),
    ["images", .. var rest] => await ImageStartupCommand.RunAsync(rest),
    _ => Micro(args),
};

static int Micro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
    return 0;
}
