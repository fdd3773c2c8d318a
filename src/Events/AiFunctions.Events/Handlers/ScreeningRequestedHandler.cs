using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Orchestration;
using AiFunctions.Events.Requisitions;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Events.Handlers;

/// <summary>
/// <c>hr.screening.requested</c> (queue <c>screening-requests</c>) → a screening batch. The instance id is the workflow's
/// <c>screening-{batchId}</c>, so a duplicate delivery — or a re-sent request for the same batch — starts nothing new.
/// </summary>
internal sealed class ScreeningRequestedHandler(IRequisitionStore requisitions, IOrchestrationStarter starter, IScreeningStore? store = null) : CloudEventHandler<ScreeningRequestedV1>
{
    public override string EventType => HrEventTypes.ScreeningRequested;

    public override IdempotencyMode Idempotency => IdempotencyMode.DeterministicInstance;

    protected override async Task<HandlerResult> HandleAsync(InboundEvent inbound, ScreeningRequestedV1 data, CancellationToken cancellationToken)
    {
        var requisition = data.Requisition;
        if (requisition is null)
        {
            var stored = await requisitions.GetAsync(inbound.Tenant, data.RequisitionId!, cancellationToken).ConfigureAwait(false);
            requisition = stored?.Opened ?? throw new RequisitionNotYetKnownException(data.RequisitionId!);
        }

        var request = new ScreeningBatchRequest(
            data.BatchId!,
            inbound.Tenant,
            requisition.ToSpec(),
            data.Candidates!.Select(c => new CandidateSubmission(c.CandidateId!, c.DisplayName!, c.ResumeText, c.ResumeBlobName)).ToList(),
            data.ReviewPolicy,
            CorrelationId: inbound.CorrelationId);
        return await ScreeningBatchStarter.StartAsync(starter, store, request, cancellationToken).ConfigureAwait(false);
    }
}
