using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="RankActivity"/>.</summary>
public sealed record RankInput(string BatchId, int ShortlistSize, DateTimeOffset At);

/// <summary>Output of <see cref="RankActivity"/>: the shortlist and the batch's counts.</summary>
public sealed record RankingOutcome(IReadOnlyList<ShortlistEntry> Shortlist, int Screened, int Failed, int MustHavesMet);

/// <summary>
/// Ranks the batch's stored results (<see cref="CandidateRanker"/>), writes each result's rank and the shortlist.
/// Deterministic for the same stored results, so a repeat writes the same ranks.
/// </summary>
public sealed class RankActivity(IScreeningStore store) : WorkflowActivity<RankInput, RankingOutcome>
{
    protected override async Task<RankingOutcome> ExecuteAsync(TaskActivityContext context, RankInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = await store.GetResultsAsync(input.BatchId).ConfigureAwait(false);
        var ranked = CandidateRanker.Rank(results);
        var previousRanks = results.ToDictionary(r => r.CandidateId, r => r.Rank, StringComparer.Ordinal);
        var changed = ranked.Where(r => previousRanks[r.CandidateId] != r.Rank).ToArray();
        if (changed.Length > 0)
        {
            await store.UpsertResultsAsync(changed).ConfigureAwait(false);
        }

        var shortlist = CandidateRanker.Shortlist(ranked, input.ShortlistSize);
        await store.SetBatchStatusAsync(input.BatchId, ScreeningBatchStatus.Ranking, input.At, shortlist).ConfigureAwait(false);
        return new RankingOutcome(
            shortlist,
            ranked.Count(r => r.Status == CandidateResultStatus.Screened),
            ranked.Count(r => r.Status == CandidateResultStatus.Failed),
            ranked.Count(r => r.Assessment?.MustHavesMet == true));
    }
}
