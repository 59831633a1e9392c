using System.Diagnostics;
using System.Globalization;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// The sidecar's other peer: nginx (Debian's, on the host) as a plain reverse proxy in front of the
/// same cube, one worker process, keep-alive connections to the cube, WebSocket upgrades passed on.
/// </summary>
internal sealed class NginxPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxPeer(Process process, string folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<NginxPeer> StartAsync(Uri cube)
    {
        var folder = Directory.CreateTempSubdirectory("atotiauth-bench-nginx-").FullName;
        var port = Ports.Next();
        var inv = CultureInfo.InvariantCulture;
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), string.Create(inv, $$"""
            worker_processes 1;
            daemon off;
            master_process off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
              upstream cube { server {{cube.Host}}:{{cube.Port}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://cube;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_read_timeout 600s;
                }
              }
            }
            """));

        // master_process off: one process is the worker, so its CPU is the peer's whole CPU.
        var process = Process.Start(new ProcessStartInfo("nginx")
        {
            ArgumentList = { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx could not be started (scripts/bench.sh installs nginx-light).");
        RunResources.Track(process, "nginx");
        var peer = new NginxPeer(process, folder, new Uri(string.Create(inv, $"http://127.0.0.1:{port}")));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(peer.Url, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return peer;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await peer.DisposeAsync();
        throw new InvalidOperationException($"nginx did not answer at {peer.Url}: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>CPU time nginx has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
