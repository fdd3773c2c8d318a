using AiFunctions.Events.Handling;
using AiFunctions.Events.Orchestration;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Events.Handlers;

/// <summary>
/// What both screening handlers do last: run the workflow's own request validation (a request it would refuse is
/// dead-lettered now instead of failing later), then start the batch orchestration as <c>screening-{batchId}</c> unless
/// it exists.
/// </summary>
internal static class ScreeningBatchStarter
{
    public static async Task<HandlerResult> StartAsync(IOrchestrationStarter starter, IScreeningStore? store, ScreeningBatchRequest request, CancellationToken cancellationToken)
    {
        // Producers never name storage paths either: an event's resumeBlobName must be the id of an upload issued to the
        // event's tenant (POST /api/resumes), which becomes the blob name the service built for it.
        var problems = new List<string>();
        var candidates = request.Candidates.ToArray();
        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i]?.ResumeBlobName is { } uploadId)
            {
                if (ResumeUploads.IsUploadId(uploadId) && ResourceIds.IsValid(request.Tenant))
                {
                    candidates[i] = candidates[i] with { ResumeBlobName = ResumeUploads.BlobName(request.Tenant, uploadId) };
                }
                else if (problems.Count < 20)
                {
                    problems.Add($"candidates[{i}].resumeBlobName must be the uploadId of a resume uploaded for tenant '{request.Tenant}' (POST /api/resumes), not a storage path.");
                }
            }
        }

        if (ResourceIds.IsReserved(request.BatchId))
        {
            problems.Add($"batchId starts with '{ResumeUploads.IdPrefix}', which is reserved for ids the service issues: choose another id.");
        }

        problems.AddRange(ScreeningBatchRequestValidator.Validate(request));
        if (problems.Count > 0)
        {
            throw new EventRejectedException(DeadLetterReasons.ValidationFailed,
                "The screening request built from this event is invalid: " + string.Join(" ", problems.Distinct().Take(20)) + " Fix the producer and replay the message.");
        }

        // The tenant's scoped key (ResourceIds.Scope), as the HTTP API uses: instance ids and storage keys hold the
        // tenant, and a principal of that tenant reads the batch by its plain id.
        request = request with { BatchId = ResourceIds.Scope(request.Tenant, request.BatchId), Candidates = candidates };
        var instanceId = WorkflowInstanceIds.Screening(request.BatchId);

        // Resumes go to blob storage before scheduling, as for HTTP batches: the orchestration history then holds blob
        // names, not resume text (idempotent: the blob names are deterministic, a redelivery overwrites the same blobs).
        if (store is not null)
        {
            request = await store.OffloadResumesAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var started = await starter.StartIfAbsentAsync(WorkflowNames.ScreeningBatchOrchestrator, instanceId, request, cancellationToken).ConfigureAwait(false);
        return started ? HandlerResult.Done(instanceId) : HandlerResult.AlreadyDone(instanceId);
    }
}
