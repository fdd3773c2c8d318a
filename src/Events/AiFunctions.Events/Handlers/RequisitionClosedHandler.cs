using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Requisitions;

namespace AiFunctions.Events.Handlers;

/// <summary>
/// <c>hr.requisition.closed</c> → marks the requisition closed; later applications to it are dead-lettered as
/// RequisitionClosed. A close that matches no requisition opened in the event's tenant (<c>tenantid</c>; absent =
/// <c>default</c>) is dead-lettered as RequisitionNotFound naming the tenant, never silently accepted: a close sent
/// without the tenant its requisition was opened under would otherwise close nothing and let applications through.
/// </summary>
internal sealed class RequisitionClosedHandler(IRequisitionStore requisitions) : CloudEventHandler<RequisitionClosedV1>
{
    public override string EventType => HrEventTypes.RequisitionClosed;

    public override IdempotencyMode Idempotency => IdempotencyMode.Record;

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, RequisitionClosedV1 data, CancellationToken cancellationToken)
    {
        var known = await requisitions.GetAsync(inbound.Tenant, data.RequisitionId!, cancellationToken).ConfigureAwait(false);
        if (known?.Opened is null)
        {
            throw new EventRejectedException(DeadLetterReasons.RequisitionNotFound,
                $"No requisition '{data.RequisitionId}' was opened in tenant '{inbound.Tenant}', so this close matches nothing. " +
                $"Send it with the tenantid extension of the hr.requisition.opened that opened it (absent = 'default'), or send that hr.requisition.opened first, then replay this message.");
        }

        await requisitions.MarkClosedAsync(inbound.Tenant, data.RequisitionId!, data.Reason!, data.ClosedAt, cancellationToken).ConfigureAwait(false);
        return HandlerResult.Done();
    }
}
