using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Requisitions;

namespace AiFunctions.Events.Handlers;

/// <summary><c>hr.requisition.closed</c> → marks the requisition closed; later applications to it are dead-lettered as RequisitionClosed.</summary>
internal sealed class RequisitionClosedHandler(IRequisitionStore requisitions) : CloudEventHandler<RequisitionClosedV1>
{
    public override string EventType => HrEventTypes.RequisitionClosed;

    public override IdempotencyMode Idempotency => IdempotencyMode.Record;

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, RequisitionClosedV1 data, CancellationToken cancellationToken)
    {
        await requisitions.MarkClosedAsync(inbound.Tenant, data.RequisitionId!, data.Reason!, data.ClosedAt, cancellationToken).ConfigureAwait(false);
        return HandlerResult.Done();
    }
}
