using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="RankActivity"/>.</summary>
/// <param name="ReleasedBy">The reviewer releasing <paramref name="Releases"/> (null when there are none).</param>
/// <param name="Releases">Held candidates to release into the ranking before ranking.</param>
/// <param name="Scorer">The batch's scorer (<see cref="ScreeningScorer.Key"/>): only its candidates are ranked. Null: the scorer of most rankable candidates (ties: ordinal order).</param>
/// <param name="Status">The batch status stored with the shortlist, in the same write (the orchestrator passes <see cref="ScreeningBatchStatus.AwaitingReview"/>).</param>
public sealed record RankInput(string BatchId, int ShortlistSize, DateTimeOffset At, string? ReleasedBy = null, IReadOnlyList<Screening.HoldRelease>? Releases = null, string? Scorer = null, ScreeningBatchStatus Status = ScreeningBatchStatus.Ranking);

/// <summary>Output of <see cref="RankActivity"/>: the shortlist and the batch's counts.</summary>
/// <param name="Screened">Screened candidates that take part in the ranking (held ones excluded).</param>
/// <param name="Held">Screened candidates held for a reviewer, not ranked.</param>
/// <param name="TiedAtBoundary">Shortlisted candidates tied at the shortlist's last rank (all of them are in).</param>
/// <param name="Scorers">The scorer of the ranked candidates (<see cref="ScreeningScorer.Key"/>): one at most, a ranking never mixes scorers.</param>
/// <param name="OtherScorer">Screened, not held, but scored by another scorer than the ranking's (re-scoring did not succeed): not ranked.</param>
public sealed record RankingOutcome(IReadOnlyList<ShortlistEntry> Shortlist, int Screened, int Failed, int MustHavesMet, int Held = 0, int TiedAtBoundary = 0, IReadOnlyList<string>? Scorers = null, int OtherScorer = 0);

/// <summary>
/// Applies a reviewer's hold releases (when given), ranks the batch's stored results (<see cref="CandidateRanker"/>),
/// writes each result's rank, then the shortlist with <see cref="RankInput.Status"/> (after a release, "Ranking" is
/// stored before the re-rank, so no decision is taken on the old shortlist meanwhile). Ranks only the candidates of one scorer (the batch's). Deterministic for the same stored results, so a repeat writes the same ranks.
/// </summary>
public sealed class RankActivity(IScreeningStore store) : WorkflowActivity<RankInput, RankingOutcome>
{
    protected override async Task<RankingOutcome> ExecuteAsync(TaskActivityContext context, RankInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Releases is { Count: > 0 } && input.ReleasedBy is not null && input.Status != ScreeningBatchStatus.Ranking)
        {
            // A re-rank after a reviewer released held candidates: "Ranking" is stored first, so a decision sent now is
            // refused (409 not-awaiting-review) instead of applying to a shortlist its sender has not seen; the new
            // shortlist is stored with input.Status at the end.
            await store.SetBatchStatusAsync(input.BatchId, ScreeningBatchStatus.Ranking, input.At).ConfigureAwait(false);
        }

        // One read of the batch's results: what is stored now is both the input of the ranking and what the ranks are
        // compared with (a second read of the whole partition cost a table scan per ranking).
        var stored = await store.GetResultsAsync(input.BatchId).ConfigureAwait(false);
        var results = stored;
        if (input.Releases is { Count: > 0 } releases && input.ReleasedBy is { } reviewer)
        {
            var byId = releases.ToDictionary(r => r.CandidateId, StringComparer.Ordinal);
            results = results.Select(r => r.Hold is { IsActive: true } hold && byId.TryGetValue(r.CandidateId, out var release)
                ? r with { Hold = hold with { ReleasedBy = reviewer, ReleasedAt = input.At, ReleaseComment = release.Comment } }
                : r).ToArray();
        }

        var scorer = input.Scorer ?? results.Where(r => r.IsRankable).GroupBy(r => r.Scorer!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        var ranked = CandidateRanker.Rank(results, scorer);
        var previous = stored.ToDictionary(r => r.CandidateId, StringComparer.Ordinal);
        var changed = ranked.Where(r => previous[r.CandidateId] is var p && (p.Rank != r.Rank || p.Hold != r.Hold)).ToArray();
        if (changed.Length > 0)
        {
            await store.UpsertResultsAsync(changed).ConfigureAwait(false);
        }

        var shortlist = CandidateRanker.Shortlist(ranked, input.ShortlistSize);
        await store.SetBatchStatusAsync(input.BatchId, input.Status, input.At, shortlist).ConfigureAwait(false);
        return new RankingOutcome(
            shortlist,
            ranked.Count(r => r.Rank is not null),
            ranked.Count(r => r.Status == CandidateResultStatus.Failed),
            ranked.Count(r => r.Rank is not null && r.Assessment?.MustHavesMet == true),
            ranked.Count(r => r.Status == CandidateResultStatus.Screened && r.Hold is { IsActive: true }),
            shortlist.Count(s => s.TiedAtBoundary),
            ranked.Where(r => r.Rank is not null).Select(r => r.Scorer!).Distinct(StringComparer.Ordinal).ToArray(),
            ranked.Count(r => r.Rank is null && r.IsRankable));
    }
}
