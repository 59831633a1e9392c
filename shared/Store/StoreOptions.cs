using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Store;

/// <summary>Where sessions, users, roles and revocations live (DESIGN.md §5).</summary>
public sealed class StoreOptions : IBoundOptions<StoreOptions>
{
    /// <summary>Configuration section: <c>AtotiAuth:Store</c>.</summary>
    public const string SectionName = "AtotiAuth:Store";

    static void IBoundOptions<StoreOptions>.Bind(IConfiguration section, StoreOptions options) => section.Bind(options);

    /// <summary>
    /// StackExchange.Redis connection string (a single host, Sentinel with <c>serviceName=</c>, or
    /// cluster endpoints). Required by the split services; no default, because a replica without a
    /// shared store would hand out sessions the others cannot see.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every key, so several deployments can share one Redis. Default <c>atotiauth:</c>.</summary>
    public string KeyPrefix { get; set; } = "atotiauth:";

    /// <summary>
    /// Allows the embedded in-memory store when <see cref="Redis"/> is empty. Default false; only the
    /// standalone host turns it on, since in-memory state is lost on restart and not shared.
    /// </summary>
    public bool AllowInMemory { get; set; }
}
