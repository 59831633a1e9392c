namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// Where the watched path leads and what that file looks like: the real path (every symbolic link
/// resolved, the directories' too: a Kubernetes volume swaps its <c>..data</c> directory link, while
/// <c>users.csv</c> stays a link into it with its own size and time), its size and its modification time.
/// </summary>
internal sealed record CsvFileSnapshot(string Target, long Length, DateTime LastWriteUtc)
{
    private const int MaxLinks = 40;

    /// <summary>The snapshot, or null when the path leads to no file.</summary>
    public static CsvFileSnapshot? Of(string path)
    {
        var real = Resolve(path);
        if (real is null)
        {
            return null;
        }

        var info = new FileInfo(real);
        return info.Exists ? new CsvFileSnapshot(real, info.Length, info.LastWriteTimeUtc) : null;
    }

    /// <summary>The path with each component's links followed, as realpath(3); null on a loop.</summary>
    internal static string? Resolve(string path)
    {
        var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // Relative targets count from the link's folder; the target's own parts are resolved in turn.
            var resolved = Path.GetFullPath(target, current);
            current = "/";
            foreach (var p in resolved.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(p);
            }
        }

        return current;
    }
}
