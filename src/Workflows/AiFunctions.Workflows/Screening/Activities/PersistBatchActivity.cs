using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="PersistBatchActivity"/>: the request and the orchestration time it was accepted.</summary>
public sealed record PersistBatchInput(ScreeningBatchRequest Request, DateTimeOffset AcceptedAt);

/// <summary>
/// Stores the batch: inline resumes go to blob storage (so the per-candidate activities read them from there and the
/// chunk histories stay small), then the candidate rows, then the batch row. All upserts: safe to repeat.
/// Returns the number of candidates stored. Hosts may have uploaded the resumes already
/// (<see cref="ResumeOffloading.OffloadResumesAsync"/>); then only the records are written.
/// </summary>
public sealed class PersistBatchActivity(IScreeningStore store) : WorkflowActivity<PersistBatchInput, int>
{
    private const int ParallelUploads = 8;

    protected override async Task<int> ExecuteAsync(TaskActivityContext context, PersistBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var records = new CandidateRecord[request.Candidates.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, request.Candidates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads },
            async (i, ct) =>
            {
                var candidate = request.Candidates[i];
                var blobName = candidate.ResumeText is { } text
                    ? await store.PutResumeAsync(request.BatchId, candidate.CandidateId, text, ct).ConfigureAwait(false)
                    : candidate.ResumeBlobName!;
                records[i] = new CandidateRecord(request.BatchId, candidate.CandidateId, candidate.DisplayName, blobName);
            }).ConfigureAwait(false);

        var batch = new ScreeningBatchRecord(
            request.BatchId,
            request.Tenant,
            request.Requisition,
            request.ReviewPolicy ?? new ReviewPolicy(),
            request.Candidates.Count,
            ScreeningBatchStatus.Screening,
            request.Version,
            request.CorrelationId,
            input.AcceptedAt,
            input.AcceptedAt);
        await store.SaveBatchAsync(batch, records).ConfigureAwait(false);
        return records.Length;
    }
}
