using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Migration;
using Xunit;

namespace AiFunctions.Workflows.Tests.Migration;

/// <summary>
/// A replay whose candidate target was skipped on part of its items (the evaluator's spare rate-limit window or the
/// shadow budget: Skipped, RateLimited / BudgetExceeded). <see cref="ReplayRunner"/> stores such a row, counts it in
/// the replay's <c>failed</c> and never calls it again, so the candidate never answered that item. The report must count
/// it as a failure too: otherwise the failure and schema-valid rates are taken over the answered items only, and a
/// candidate that answered 20 of 25 (or 20 of 1,000, once the budget ran out) could be called safe to switch.
/// </summary>
public sealed class ReplaySkippedCandidateTests
{
    private static ReplayCandidateResult Row(int i, ShadowOutcome outcome, string? reason) => new(
        "rpl-1", $"jd-{i:00}.v1",
        new ShadowSide("foundry/m", outcome, reason, false, outcome == ShadowOutcome.Skipped ? 0 : 1, 100, 5, 5, 0.001m, "USD", new Dictionary<string, double>()),
        false, [], outcome == ShadowOutcome.Valid, DateTimeOffset.UnixEpoch,
        new DraftingVerdicts("azure/gpt-4o-mini", true, true, outcome == ShadowOutcome.Valid ? true : null, outcome == ShadowOutcome.Valid ? true : null));

    [Fact]
    public void A_replay_whose_candidate_was_skipped_on_a_fifth_of_its_items_counts_them_as_failures_and_is_not_safe_to_switch()
    {
        // 25 items: 20 answered and agreeing, 5 skipped (3 RateLimited, 2 BudgetExceeded). Only the rate thresholds are
        // left on, so they alone decide: the failure rate is 5 / 25 = 0.2 (not 0 / 20), the schema-valid rate 20 / 25 = 0.8.
        var rows = Enumerable.Range(0, 25).Select(i => i switch
        {
            < 20 => Row(i, ShadowOutcome.Valid, null),
            < 23 => Row(i, ShadowOutcome.Skipped, "RateLimited"),
            _ => Row(i, ShadowOutcome.Skipped, "BudgetExceeded"),
        }).ToArray();
        var thresholds = new MigrationThresholds { MinPairs = 20, MaxInclusiveLanguagePassRateDrop = null, MaxRequiredSectionsPassRateDrop = null };

        var comparison = MigrationComparer.Compare(ReplayComparisons.Pairs(rows), batch: false);
        var report = MigrationReports.Build(MigrationReports.DraftingReplayKind, "rpl-1", null, "drafting", "azure/gpt-4o-mini", "foundry/m", DateTimeOffset.UnixEpoch, true, comparison, thresholds);

        var checks = report.Checks.ToDictionary(c => c.Setting[(MigrationOptions.SectionName + ":Thresholds:").Length..]);
        Assert.Equal((0.2, false), (checks["MaxFailureRate"].Measured!.Value, checks["MaxFailureRate"].Passed));
        Assert.Equal((0.8, false), (checks["MinSchemaValidRate"].Measured!.Value, checks["MinSchemaValidRate"].Passed));
        Assert.Equal(25, comparison.Candidate.Calls);
        Assert.Equal(3, comparison.Candidate.FailureReasons["RateLimited"]);
        Assert.Equal(2, comparison.Candidate.FailureReasons["BudgetExceeded"]);
        Assert.False(report.SafeToSwitch);
    }
}
