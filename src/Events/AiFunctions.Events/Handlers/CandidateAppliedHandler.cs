using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Orchestration;
using AiFunctions.Events.Requisitions;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Events.Handlers;

/// <summary>
/// <c>hr.candidate.applied</c> → a one-candidate screening batch against the stored requisition. The batch id (and so
/// the instance id) is derived from the event's identity, so a duplicate delivery starts nothing new. A requisition
/// not opened yet is treated as transient (events on different subscriptions can arrive out of order): the message is
/// retried and, if the requisition never arrives, dead-lettered by the broker after MaxDeliveryCount.
/// </summary>
internal sealed class CandidateAppliedHandler(IRequisitionStore requisitions, IOrchestrationStarter starter, IScreeningStore? store = null) : CloudEventHandler<CandidateAppliedV1>
{
    public override string EventType => HrEventTypes.CandidateApplied;

    public override IdempotencyMode Idempotency => IdempotencyMode.DeterministicInstance;

    /// <summary>The batch id a candidate-applied event screens under: "app-{event key}".</summary>
    public static string BatchIdFor(InboundEvent inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return "app-" + inbound.Key;
    }

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, CandidateAppliedV1 data, CancellationToken cancellationToken)
    {
        var requisition = await requisitions.GetAsync(inbound.Tenant, data.RequisitionId!, cancellationToken).ConfigureAwait(false);
        if (requisition?.Opened is null)
        {
            throw new RequisitionNotYetKnownException(data.RequisitionId!);
        }

        if (requisition.IsClosed)
        {
            throw new EventRejectedException(DeadLetterReasons.RequisitionClosed,
                $"Requisition '{data.RequisitionId}' was closed ({requisition.ClosedReason}) at {requisition.ClosedAt:O}; applications to it are not screened. Reopen it (hr.requisition.opened) and replay this message if it should be.");
        }

        var batchId = BatchIdFor(inbound);
        var request = new ScreeningBatchRequest(
            batchId,
            inbound.Tenant,
            requisition.Opened.ToSpec(),
            [new CandidateSubmission(data.CandidateId!, data.DisplayName!, data.ResumeText, data.ResumeBlobName)],
            CorrelationId: inbound.CorrelationId);
        return await ScreeningBatchStarter.StartAsync(starter, store, request, cancellationToken).ConfigureAwait(false);
    }
}
