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

    /// <summary>The token service's key directory (one RSA 3072 key), for further token services of the run.</summary>
    public string KeyDirectory { get; private set; } = null!;

    /// <summary>The token service's issuer, which the sidecars take as their authority.</summary>
    public string Issuer { get; private set; } = null!;

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
        Issuer = issuer;
        KeyDirectory = WriteSigningKey();
        Token = await StartAsync(run, "services/token", "AtotiAuth.Token", TokenEnvironment(issuer, KeyDirectory), tokenPort);
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
            Sidecars.Add(await StartAsync(run, "services/ping", "AtotiAuth.Ping", SidecarEnvironment(Cube.Url, issuer, $"bench-cube-{i + 1}", $"BENCH_CUBE_{i + 1}")));
        }
    }

    /// <summary>A token service's settings: its issuer and key directory.</summary>
    public static Dictionary<string, string> TokenEnvironment(string issuer, string keyDirectory) => new()
    {
        ["AtotiAuth__Token__Issuer"] = issuer,
        ["AtotiAuth__Token__Signing__KeyDirectory"] = keyDirectory,
    };

    /// <summary>A sidecar's settings: its cube, its own id and cookie, the token service as authority over plain HTTP.</summary>
    public static Dictionary<string, string> SidecarEnvironment(Uri cube, string authority, string cubeId, string cookieName) => new()
    {
        ["AtotiAuth__Ping__CubeUrl"] = cube.ToString().TrimEnd('/'),
        ["AtotiAuth__Ping__Backend"] = "Headers",
        ["AtotiAuth__Ping__CubeId"] = cubeId,
        ["AtotiAuth__Ping__CookieName"] = cookieName,
        ["AtotiAuth__Ping__CookieSecure"] = "false",
        ["AtotiAuth__Jwt__Authority"] = authority,
        ["AtotiAuth__Jwt__AllowHttpAuthority"] = "true",
        ["AtotiAuth__Cors__AllowedOrigins__0"] = WebSocketScenario.Origin,
    };

    /// <summary>
    /// Starts a built service of the repository on the run's Redis and key prefix (pinned to <paramref name="cpus"/>
    /// when set). <paramref name="managed"/> starts the sidecar's JIT build even where its Native AOT binary is
    /// published: the .NET diagnostic tools (dotnet-trace's heap collection, dotnet-counters) attach to it only.
    /// </summary>
    public static Task<ServiceProcess> StartServiceAsync(LoadRun run, string folder, string assembly, Dictionary<string, string> environment, int? port = null, string? cpus = null, string? prefix = null, bool managed = false, int? extraPort = null)
    {
        environment["AtotiAuth__Store__Redis"] = run.Redis.ConnectionString;
        environment["AtotiAuth__Store__KeyPrefix"] = prefix ?? run.Prefix;
        return ServiceProcess.StartAsync(LoadCommand.Built(run.Root, folder, assembly, managed), environment, port: port, cpus: cpus, extraPort: extraPort);
    }

    private async Task<ServiceProcess> StartAsync(LoadRun run, string folder, string assembly, Dictionary<string, string> environment, int? port = null)
    {
        var process = await StartServiceAsync(run, folder, assembly, environment, port);
        _all.Add(process);
        return process;
    }

    /// <summary>A directory holding one new PEM private key (RSA 3072, or P-256 with <paramref name="ecdsa"/>), deleted with the run's temporary files.</summary>
    public static string WriteSigningKey(bool ecdsa = false)
    {
        var directory = Directory.CreateTempSubdirectory("atotiauth-bench-keys-").FullName;
        TemporaryDirectories.Add(directory);
        string pem;
        if (ecdsa)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pem = ec.ExportPkcs8PrivateKeyPem();
        }
        else
        {
            using var rsa = RSA.Create(3072);
            pem = rsa.ExportPkcs8PrivateKeyPem();
        }

        File.WriteAllText(Path.Combine(directory, "bench-1.pem"), pem);
        return directory;
    }

    /// <summary>Key directories written by this run.</summary>
    public static List<string> TemporaryDirectories { get; } = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _all)
        {
            await process.DisposeAsync();
        }
    }
}
