using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Keeps resumes out of the orchestration history: a host calls <see cref="OffloadResumesAsync"/> before scheduling a
/// batch, so the input (stored in the history and loaded on every replay of the parent orchestrator) carries blob
/// names instead of resume text. The blob names are the ones <see cref="Activities.PersistBatchActivity"/> would use,
/// so offloading is idempotent and optional for small batches.
/// </summary>
public static class ResumeOffloading
{
    private const int ParallelUploads = 8;

    /// <summary>Uploads every inline resume and returns the request with <c>ResumeBlobName</c> set instead of the text.</summary>
    public static async Task<ScreeningBatchRequest> OffloadResumesAsync(this IScreeningStore store, ScreeningBatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var candidates = request.Candidates.ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, candidates.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (candidates[i].ResumeText is { } text)
                {
                    var blobName = await store.PutResumeAsync(request.BatchId, candidates[i].CandidateId, text, ct).ConfigureAwait(false);
                    candidates[i] = candidates[i] with { ResumeText = null, ResumeBlobName = blobName };
                }
            }).ConfigureAwait(false);
        return request with { Candidates = candidates };
    }
}
