using System.Collections.Concurrent;
using AiFunctions.Events.Contracts;

namespace AiFunctions.Events.Requisitions;

/// <summary>Process-local requisition store (tests and <c>AiFunctions:Events:Storage:Kind = Memory</c>).</summary>
internal sealed class InMemoryRequisitionStore : IRequisitionStore
{
    private readonly ConcurrentDictionary<(string, string), RequisitionState> _items = new();

    public Task UpsertOpenedAsync(string tenant, RequisitionOpenedV1 requisition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        var id = requisition.RequisitionId!;
        _items.AddOrUpdate((tenant, id), _ => new(id, requisition, null, null, []), (_, s) => s with { Opened = requisition });
        return Task.CompletedTask;
    }

    public Task MarkClosedAsync(string tenant, string requisitionId, string reason, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        _items.AddOrUpdate((tenant, requisitionId), _ => new(requisitionId, null, reason, closedAt, []), (_, s) => s with { ClosedReason = reason, ClosedAt = closedAt });
        return Task.CompletedTask;
    }

    public Task RecordHireAsync(string tenant, EmployeeHiredV1 hire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hire);
        var (id, candidate) = (hire.RequisitionId!, hire.CandidateId!);
        _items.AddOrUpdate(
            (tenant, id),
            _ => new(id, null, null, null, [candidate]),
            (_, s) => s.HiredCandidateIds.Contains(candidate) ? s : s with { HiredCandidateIds = [.. s.HiredCandidateIds, candidate] });
        return Task.CompletedTask;
    }

    public Task<RequisitionState?> GetAsync(string tenant, string requisitionId, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue((tenant, requisitionId), out var s) ? s : null);
}
