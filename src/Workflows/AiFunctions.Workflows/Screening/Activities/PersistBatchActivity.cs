using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Telemetry;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="PersistBatchActivity"/>: the request and the orchestration time it was accepted.</summary>
public sealed record PersistBatchInput(ScreeningBatchRequest Request, DateTimeOffset AcceptedAt);

/// <summary>
/// Stores the batch: inline resumes first (<see cref="IScreeningStore.PutResumesAsync"/>: in the candidate rows when
/// small, which the group activities read with the records, as blobs when large; the chunk histories stay small), then
/// the candidate rows, then the batch row. All upserts: safe to repeat.
/// Returns the number of candidates stored. Hosts may have uploaded the resumes already
/// (<see cref="ResumeOffloading.OffloadResumesAsync"/>); then only the records are written.
/// </summary>
public sealed class PersistBatchActivity(IScreeningStore store, WorkflowMetrics? metrics = null) : WorkflowActivity<PersistBatchInput, int>
{
    protected override async Task<int> ExecuteAsync(TaskActivityContext context, PersistBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var inline = request.Candidates.Where(c => c.ResumeText is not null).ToArray();
        var references = await store.PutResumesAsync(request.BatchId, inline.Select(c => KeyValuePair.Create(c.CandidateId, c.ResumeText!)).ToArray()).ConfigureAwait(false);
        var stored = new Dictionary<string, string>(inline.Length, StringComparer.Ordinal);
        for (var i = 0; i < inline.Length; i++)
        {
            stored[inline[i].CandidateId] = references[i];
        }

        var records = request.Candidates
            .Select(c => new CandidateRecord(request.BatchId, c.CandidateId, c.DisplayName, c.ResumeText is null ? c.ResumeBlobName! : stored[c.CandidateId]))
            .ToArray();

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
        metrics?.BatchesStarted.Add(1, WorkflowMetrics.Tenant(request.Tenant));
        return records.Length;
    }
}
