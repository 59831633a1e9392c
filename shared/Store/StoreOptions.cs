using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Store;

/// <summary>Where sessions, users, roles and revocations live (DESIGN.md §5, docs/redis.md).</summary>
public sealed class StoreOptions : IBoundOptions<StoreOptions>
{
    /// <summary>Configuration section: <c>AtotiAuth:Store</c>.</summary>
    public const string SectionName = "AtotiAuth:Store";

    static void IBoundOptions<StoreOptions>.Bind(IConfiguration section, StoreOptions options) => section.Bind(options);

    /// <summary>
    /// StackExchange.Redis connection string (a single host, Sentinel with <c>serviceName=</c>, or
    /// cluster endpoints; <c>ssl=true</c> for TLS). Required by the split services; no default, because a
    /// replica without a shared store would hand out sessions the others cannot see.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every key, so several deployments can share one Redis. Default <c>atotiauth:</c>.</summary>
    public string KeyPrefix { get; set; } = "atotiauth:";

    /// <summary>
    /// Allows the embedded in-memory store when <see cref="Redis"/> is empty. Default false; only the
    /// standalone host turns it on, since in-memory state is lost on restart and not shared.
    /// </summary>
    public bool AllowInMemory { get; set; }

    /// <summary>
    /// The Redis ACL user this service signs in as (<c>deploy/k8s/base/redis/atotiauth.acl</c> has one per
    /// service). Default none: the <c>user=</c> of the connection string, else Redis's <c>default</c>.
    /// </summary>
    public string? User { get; set; }

    /// <summary>
    /// That user's password, from a Secret. Default none: the <c>password=</c> of the connection string.
    /// Kept out of the connection string so the string itself is no secret.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>
    /// PEM file of the certificate authority that signed Redis's server certificate, for TLS
    /// (<c>ssl=true</c> in <see cref="Redis"/>): the server's certificate must chain to it and name the
    /// host connected to. Default none: the machine's trust store.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// Replicas that must hold a revocation before a logout, deactivation or admin revocation answers
    /// (Redis <c>WAIT</c>), so that losing the primary cannot lose it. Default 0: a single Redis, whose
    /// own persistence keeps revocations (docs/redis.md); set 1 or more with Sentinel or a cluster.
    /// </summary>
    [Range(0, 16)]
    public int RevocationReplicas { get; set; }

    /// <summary>
    /// How long a revocation waits for <see cref="RevocationReplicas"/>; fewer acknowledgements answer
    /// 503 (<c>store_unavailable</c>), never a success that a failover could undo. Default 1 second.
    /// </summary>
    [TimeSpanRange("00:00:00.010", "00:00:10")]
    public TimeSpan RevocationReplicaTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often each service checks that Redis still holds its data (a marker key the identity
    /// service writes), besides at every reconnect. Default 5 seconds.
    /// </summary>
    [TimeSpanRange("00:00:00.100", "00:10:00")]
    public TimeSpan DataLossCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
