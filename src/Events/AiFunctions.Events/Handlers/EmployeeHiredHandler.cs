using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Requisitions;

namespace AiFunctions.Events.Handlers;

/// <summary><c>hr.employee.hired</c> → records the hire against the requisition (the outcome screenings can be compared with).</summary>
internal sealed class EmployeeHiredHandler(IRequisitionStore requisitions) : CloudEventHandler<EmployeeHiredV1>
{
    public override string EventType => HrEventTypes.EmployeeHired;

    public override IdempotencyMode Idempotency => IdempotencyMode.Record;

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, EmployeeHiredV1 data, CancellationToken cancellationToken)
    {
        await requisitions.RecordHireAsync(inbound.Tenant, data, cancellationToken).ConfigureAwait(false);
        return HandlerResult.Done();
    }
}
