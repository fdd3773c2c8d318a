using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Requisitions;

namespace AiFunctions.Events.Handlers;

/// <summary><c>hr.requisition.opened</c> → stores the requisition for the applications that follow.</summary>
internal sealed class RequisitionOpenedHandler(IRequisitionStore requisitions) : CloudEventHandler<RequisitionOpenedV1>
{
    public override string EventType => HrEventTypes.RequisitionOpened;

    public override IdempotencyMode Idempotency => IdempotencyMode.Record;

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, RequisitionOpenedV1 data, CancellationToken cancellationToken)
    {
        await requisitions.UpsertOpenedAsync(inbound.Tenant, data, cancellationToken).ConfigureAwait(false);
        return HandlerResult.Done();
    }
}
