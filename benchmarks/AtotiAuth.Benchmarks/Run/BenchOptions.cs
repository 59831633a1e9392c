namespace AtotiAuth.Benchmarks.Run;

/// <summary>
/// The options of <c>scripts/bench.sh</c> (the <c>run</c> command): <c>--quick</c>, <c>--only a,b</c>,
/// <c>--profile [cpu|thread-time]</c>. Every run writes its report under artifacts/bench/; only a full
/// run (no <c>--quick</c>, no <c>--only</c>, no <c>--profile</c>) also rewrites the targets table of
/// docs/benchmarks.md. A new scenario adds its name here and its call in LoadCommand or RunCommand.
/// </summary>
internal sealed record BenchOptions(bool Quick, IReadOnlySet<string>? Only, ProfileMode? Profile)
{
    /// <summary>Every scenario name <c>--only</c> accepts, with what it measures.</summary>
    public static IReadOnlyList<(string Name, string What)> Scenarios { get; } =
    [
        ("jwt", "GET /jwt with a session cookie (split token service, Redis)"),
        ("peer", "the oidc-provider token endpoint, beside /jwt (runs jwt too)"),
        ("ping", "GET /ping at a sidecar with a Bearer JWT"),
        ("proxied", "GET /api/whoami through a sidecar and straight to the cube"),
        ("metrics", "ping and the proxied GET at two sidecars, Prometheus metrics on (and scraped) vs off"),
        ("websocket", "WebSocket message round trip through a sidecar and direct"),
        ("login-page", "GET /login (the form page)"),
        ("admin", "GET /admin/users with an admin session cookie"),
        ("login", "POST /login with Basic against one password hash"),
        ("logout", "POST /logout, each spending its own session"),
        ("revocation", "logout to first refusal at each of 3 sidecars"),
        ("logout-replicas", "POST /logout answering once a replica holds the revocation (WAIT 1) vs on the primary only"),
        ("rss", "idle resident memory of every service"),
        ("standalone", "the standalone host (in-memory store and Redis): /jwt and the login page"),
        ("scaling", "requests/s with 1 and 2 cores (taskset) for the constant, /jwt, ping, proxied GET"),
        ("redis-memory", "Redis used_memory per session at 10k, 100k, 1M sessions"),
        ("cache-memory", "local caches (sidecar, token service) per distinct session served"),
        ("ldap", "LDAP login against a raw bind+search (OpenLDAP container)"),
        ("kerberos", "Kerberos login beside a basic session login (KDC container)"),
        ("oidc-callback", "the OIDC callback's own time (oidc-provider container)"),
        ("micro", "BenchmarkDotNet micro-benchmarks (JWT, hash, roles, cookies, stores)"),
        ("images", "each service image: container start to /readyz, CPU to ready, idle memory"),
    ];

    /// <summary>A full run: the default, and the only kind that rewrites the targets table of docs/benchmarks.md.</summary>
    public bool WritesDocs => !Quick && Only is null && Profile is null;

    public bool Wants(string scenario) => Only is null || Only.Contains(scenario);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        HashSet<string>? only = null;
        ProfileMode? profile = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Count:
                    only ??= new HashSet<string>(StringComparer.Ordinal);
                    foreach (var name in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!Scenarios.Any(s => s.Name == name))
                        {
                            throw new ArgumentException($"--only: unknown scenario '{name}'. Known: {string.Join(", ", Scenarios.Select(static s => s.Name))}.");
                        }

                        only.Add(name);
                    }

                    break;
                case "--profile":
                    profile = ProfileMode.Cpu;
                    if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        profile = args[++i] switch
                        {
                            "cpu" or "cpu-sampling" => ProfileMode.Cpu,
                            "thread-time" => ProfileMode.ThreadTime,
                            var other => throw new ArgumentException($"--profile: unknown mode '{other}' (cpu or thread-time)."),
                        };
                    }

                    break;
                case "--help" or "-h":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'.\n{Usage}");
            }
        }

        if (only?.Contains("peer") == true)
        {
            only.Add("jwt");
        }

        return new BenchOptions(quick, only, profile);
    }

    public static string Usage =>
        "usage: scripts/bench.sh [--quick] [--only NAME[,NAME...]] [--profile [cpu|thread-time]]\n" +
        "  --quick     short scenarios; docs/benchmarks.md left as it is\n" +
        "  --only      run only these scenarios; docs/benchmarks.md left as it is\n" +
        "  --profile   record a CPU profile (dotnet-trace) and counters (dotnet-counters) of the process\n" +
        "              under test during each loaded scenario; written under artifacts/profiles/\n" +
        "scenarios:\n" + string.Join('\n', Scenarios.Select(static s => $"  {s.Name,-14} {s.What}"));
}

/// <summary>How a profile samples the process under test.</summary>
internal enum ProfileMode
{
    /// <summary>On-CPU samples, kernel and native frames included (<c>dotnet-trace collect-linux --profile cpu-sampling</c>; root, Linux).</summary>
    Cpu,

    /// <summary>Managed thread stacks at ~100 Hz, waits left out of the summary (<c>dotnet-trace collect</c>; anywhere).</summary>
    ThreadTime,
}
