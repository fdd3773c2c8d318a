using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="CheckScorersActivity"/>.</summary>
/// <param name="Scorer">The scorer chosen by an earlier check of this batch (kept for the whole batch); null on the first check.</param>
public sealed record CheckScorersInput(string BatchId, string? Scorer = null);

/// <summary>How many of a batch's screened candidates one scorer scored.</summary>
public sealed record ScorerCount(string Scorer, int Candidates);

/// <summary>
/// Output of <see cref="CheckScorersActivity"/>: the batch's scorer, every scorer with its candidates, the policy
/// applied, and the candidates to re-score on <see cref="Scorer"/> (empty: the batch has one scorer).
/// </summary>
public sealed record ScorerCheck(string? Scorer, IReadOnlyList<ScorerCount> Scorers, ScorerChangePolicy Policy, IReadOnlyList<string> Rescore);

/// <summary>
/// One scorer per batch (docs/fairness.md): reads the batch's screened results and, when more than one scorer scored
/// them (a failover mid-batch), picks the batch's scorer by <see cref="ScreeningOptions.OnScorerChange"/> — Rescore: the
/// scorer of the most recently scored candidate (what the route gives now); WaitForOriginal: the scorer of the first
/// one — and lists the candidates scored by any other scorer, to be re-scored on it. A scorer chosen by an earlier check
/// is kept. The decision is this activity's result, so the orchestration stays deterministic.
/// </summary>
public sealed class CheckScorersActivity(IScreeningStore store, IOptions<ScreeningOptions> options) : WorkflowActivity<CheckScorersInput, ScorerCheck>
{
    protected override async Task<ScorerCheck> ExecuteAsync(TaskActivityContext context, CheckScorersInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = options.Value.OnScorerChange;
        var screened = (await store.GetResultsAsync(input.BatchId).ConfigureAwait(false))
            .Where(r => r.Scorer is not null)
            .ToArray();
        var scorers = screened.GroupBy(r => r.Scorer!, StringComparer.Ordinal)
            .Select(g => new ScorerCount(g.Key, g.Count()))
            .OrderBy(c => c.Scorer, StringComparer.Ordinal)
            .ToArray();
        if (scorers.Length == 0)
        {
            return new ScorerCheck(input.Scorer, [], policy, []);
        }

        var byTime = screened.OrderBy(r => r.RecordedAt).ThenBy(r => r.CandidateId, StringComparer.Ordinal).ToArray();
        var scorer = input.Scorer
            ?? (scorers.Length == 1 ? scorers[0].Scorer
            : policy == ScorerChangePolicy.WaitForOriginal ? byTime[0].Scorer! : byTime[^1].Scorer!);
        var rescore = screened.Where(r => !string.Equals(r.Scorer, scorer, StringComparison.Ordinal))
            .Select(r => r.CandidateId)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new ScorerCheck(scorer, scorers, policy, rescore);
    }
}
