using AiFunctions.Events.Handling;
using AiFunctions.Events.Orchestration;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Events.Handlers;

/// <summary>
/// What both screening handlers do last: run the workflow's own request validation (a request it would refuse is
/// dead-lettered now instead of failing later), then start the batch orchestration as <c>screening-{batchId}</c> unless
/// it exists.
/// </summary>
internal static class ScreeningBatchStarter
{
    public static async Task<HandlerResult> StartAsync(IOrchestrationStarter starter, ScreeningBatchRequest request, CancellationToken cancellationToken)
    {
        var problems = ScreeningBatchRequestValidator.Validate(request);
        if (problems.Count > 0)
        {
            throw new EventRejectedException(DeadLetterReasons.ValidationFailed,
                "The screening request built from this event is invalid: " + string.Join(" ", problems.Take(20)) + " Fix the producer and replay the message.");
        }

        // The tenant's scoped key (ResourceIds.Scope), as the HTTP API uses: instance ids and storage keys hold the
        // tenant, and a principal of that tenant reads the batch by its plain id.
        request = request with { BatchId = ResourceIds.Scope(request.Tenant, request.BatchId) };
        var instanceId = WorkflowInstanceIds.Screening(request.BatchId);
        var started = await starter.StartIfAbsentAsync(WorkflowNames.ScreeningBatchOrchestrator, instanceId, request, cancellationToken).ConfigureAwait(false);
        return started ? HandlerResult.Done(instanceId) : HandlerResult.AlreadyDone(instanceId);
    }
}
