namespace AtotiAuth.Identity.Audit;

/// <summary>Where audit events are kept for the console and <c>GET /admin/audit</c>: Redis, or memory in the standalone host.</summary>
internal interface IAuditStore
{
    /// <summary>Appends an event; throws <see cref="Shared.Store.StoreUnavailableException"/> when the store is down.</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>The events matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAsync(AuditQuery query, CancellationToken cancellationToken);
}
