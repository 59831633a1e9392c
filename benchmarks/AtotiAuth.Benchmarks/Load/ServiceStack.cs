using System.Security.Cryptography;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// One deployment on loopback: the token service, the identity service, the sample cube and
/// <see cref="SidecarCount"/> ping sidecars in front of it, all on the run's Redis and key prefix.
/// </summary>
internal sealed class ServiceStack : IAsyncDisposable
{
    public const int SidecarCount = 3;
    public const string UserName = "bench";
    public const string UserPassword = "bench-password-1";
    public const string AdminName = "bench-admin";
    public const string AdminPassword = "bench-admin-password-1";

    private readonly List<ServiceProcess> _all = [];

    public ServiceProcess Token { get; private set; } = null!;

    public ServiceProcess Identity { get; private set; } = null!;

    public ServiceProcess Cube { get; private set; } = null!;

    public List<ServiceProcess> Sidecars { get; } = [];

    public IEnumerable<(string Name, ServiceProcess Process)> Named =>
        new[] { ("token", Token), ("identity", Identity), ("cube (sample)", Cube) }
            .Concat(Sidecars.Select(static (s, i) => ($"ping sidecar {i + 1}", s)));

    public static async Task<ServiceStack> StartAsync(LoadRun run)
    {
        var stack = new ServiceStack();
        try
        {
            await stack.StartAllAsync(run);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(LoadRun run)
    {
        var tokenPort = Ports.Next();
        var issuer = $"http://127.0.0.1:{tokenPort}";
        Token = await StartAsync(run, "services/token", "AtotiAuth.Token", new()
        {
            ["AtotiAuth__Token__Issuer"] = issuer,
            ["AtotiAuth__Token__Signing__KeyDirectory"] = WriteSigningKey(),
        }, tokenPort);
        Identity = await StartAsync(run, "services/identity", "AtotiAuth.Identity", new()
        {
            ["AtotiAuth__Identity__Cookie__Secure"] = "false",
            ["AtotiAuth__Identity__Users__0__Name"] = UserName,
            ["AtotiAuth__Identity__Users__0__Password"] = UserPassword,
            ["AtotiAuth__Identity__Users__0__Roles__0"] = "ROLE_USER",
            ["AtotiAuth__Identity__Users__1__Name"] = AdminName,
            ["AtotiAuth__Identity__Users__1__Password"] = AdminPassword,
            ["AtotiAuth__Identity__Users__1__Roles__0"] = "ROLE_ADMIN",
        });
        Cube = await StartAsync(run, "samples/cube", "AtotiAuth.Samples.Cube", new());
        for (var i = 0; i < SidecarCount; i++)
        {
            Sidecars.Add(await StartAsync(run, "services/ping", "AtotiAuth.Ping", new()
            {
                ["AtotiAuth__Ping__CubeUrl"] = Cube.Url.ToString().TrimEnd('/'),
                ["AtotiAuth__Ping__CubeId"] = $"bench-cube-{i + 1}",
                ["AtotiAuth__Ping__CookieName"] = $"BENCH_CUBE_{i + 1}",
                ["AtotiAuth__Ping__CookieSecure"] = "false",
                ["AtotiAuth__Jwt__Authority"] = issuer,
                ["AtotiAuth__Jwt__AllowHttpAuthority"] = "true",
                ["AtotiAuth__Cors__AllowedOrigins__0"] = WebSocketScenario.Origin,
            }));
        }
    }

    private async Task<ServiceProcess> StartAsync(LoadRun run, string folder, string assembly, Dictionary<string, string> environment, int? port = null)
    {
        environment["AtotiAuth__Store__Redis"] = run.Redis.ConnectionString;
        environment["AtotiAuth__Store__KeyPrefix"] = run.Prefix;
        var process = await ServiceProcess.StartAsync(LoadCommand.Built(run.Root, folder, assembly), environment, port: port);
        _all.Add(process);
        return process;
    }

    private static string WriteSigningKey()
    {
        var directory = Directory.CreateTempSubdirectory("atotiauth-bench-keys-").FullName;
        using var rsa = RSA.Create(3072);
        File.WriteAllText(Path.Combine(directory, "bench-1.pem"), rsa.ExportPkcs8PrivateKeyPem());
        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _all)
        {
            await process.DisposeAsync();
        }
    }
}
