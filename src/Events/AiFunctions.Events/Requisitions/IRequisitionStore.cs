using AiFunctions.Events.Contracts;

namespace AiFunctions.Events.Requisitions;

/// <summary>
/// The requisitions other HR systems told us about (<c>hr.requisition.*</c>, <c>hr.employee.hired</c>), so that a
/// <c>hr.candidate.applied</c> event can be screened against its requisition. Every write is an idempotent upsert.
/// </summary>
internal interface IRequisitionStore
{
    Task UpsertOpenedAsync(string tenant, RequisitionOpenedV1 requisition, CancellationToken cancellationToken);

    Task MarkClosedAsync(string tenant, string requisitionId, string reason, DateTimeOffset closedAt, CancellationToken cancellationToken);

    Task RecordHireAsync(string tenant, EmployeeHiredV1 hire, CancellationToken cancellationToken);

    Task<RequisitionState?> GetAsync(string tenant, string requisitionId, CancellationToken cancellationToken);
}
