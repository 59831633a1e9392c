using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Audit;

/// <summary>The standalone host's trail: the last <see cref="AuditOptions.MaxEvents"/> events in memory, lost on restart.</summary>
internal sealed class InMemoryAuditStore(IOptions<AuditOptions> options, TimeProvider time) : IAuditStore
{
    private readonly Lock _gate = new();
    private readonly LinkedList<AuditEvent> _events = new();
    private long _sequence;

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        lock (_gate)
        {
            _events.AddFirst(auditEvent with { Id = $"{auditEvent.Time.ToUnixTimeMilliseconds()}-{++_sequence}" });
            var oldest = time.GetUtcNow() - settings.Retention;
            while (_events.Count > settings.MaxEvents || (_events.Last is { } last && last.Value.Time < oldest))
            {
                _events.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEvent>> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEvent>>([.. _events.Take(AuditQuery.ScanLimit).Where(query.Matches).Take(query.Limit)]);
        }
    }
}
