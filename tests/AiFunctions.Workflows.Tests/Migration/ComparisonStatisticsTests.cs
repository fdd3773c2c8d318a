using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Fairness;
using AiFunctions.Workflows.Migration;
using Xunit;

namespace AiFunctions.Workflows.Tests.Migration;

/// <summary>The comparison statistics against values computed by hand (the computation is in each test's comments).</summary>
public sealed class ComparisonStatisticsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Kendall_tau_b_with_ties_matches_the_hand_computation()
    {
        // x = [1, 2, 2, 3], y = [1, 3, 2, 2]; n = 4, n0 = 4·3/2 = 6 pairs:
        // (1,2): x↑ y↑ concordant · (1,3): x↑ y↑ C · (1,4): x↑ y↑ C · (2,3): x tied · (2,4): x↑ y↓ discordant · (3,4): y tied
        // nc = 3, nd = 1, n1 (ties in x) = 1, n2 (ties in y) = 1 → tau-b = (3 − 1) / √((6 − 1)(6 − 1)) = 2 / 5 = 0.4
        Assert.Equal(0.4, RankStatistics.KendallTauB([1, 2, 2, 3], [1, 3, 2, 2])!.Value, Tolerance);

        // Reversed order without ties: every pair discordant → −1. A constant side has no order → undefined (null).
        Assert.Equal(-1, RankStatistics.KendallTauB([1, 2, 3], [3, 2, 1])!.Value, Tolerance);
        Assert.Null(RankStatistics.KendallTauB([1, 2, 3], [5, 5, 5]));
        Assert.Null(RankStatistics.KendallTauB([1], [1]));
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties_and_matches_the_hand_computation()
    {
        // x = [1, 2, 2, 3] → ranks [1, 2.5, 2.5, 4]; y = [1, 3, 2, 2] → ranks [1, 4, 2.5, 2.5]; both means 2.5.
        // dx = [−1.5, 0, 0, 1.5], dy = [−1.5, 1.5, 0, 0]; Σdx·dy = 2.25, Σdx² = Σdy² = 4.5 → rho = 2.25 / 4.5 = 0.5
        Assert.Equal(0.5, RankStatistics.Spearman([1, 2, 2, 3], [1, 3, 2, 2])!.Value, Tolerance);
        Assert.Null(RankStatistics.Spearman([1, 2, 3], [4, 4, 4]));
    }

    [Fact]
    public void Rank_correlations_at_the_edges_identical_reversed_all_tied_one_and_no_pair()
    {
        // Identical lists, with ties: every untied pair concordant; x = y = [1, 1, 2, 3]: n0 = 6, tied pairs (1,2) = 1 on
        // each side, nc = 5, nd = 0 → tau-b = 5 / √(5·5) = 1; ranks equal → rho = 1.
        Assert.Equal(1, RankStatistics.KendallTauB([1, 1, 2, 3], [1, 1, 2, 3])!.Value, Tolerance);
        Assert.Equal(1, RankStatistics.Spearman([1, 1, 2, 3], [1, 1, 2, 3])!.Value, Tolerance);
        // Reversed, four values: rho = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·(9+1+1+9)/(4·15) = 1 − 2 = −1.
        Assert.Equal(-1, RankStatistics.Spearman([10, 20, 30, 40], [4, 3, 2, 1])!.Value, Tolerance);
        Assert.Equal(-1, RankStatistics.KendallTauB([10, 20, 30, 40], [4, 3, 2, 1])!.Value, Tolerance);
        // Reversed with a tie on one side: x = [1, 2, 3], y = [2, 2, 1]: pairs (1,2) y tied, (1,3) x↑ y↓ D, (2,3) D;
        // nc = 0, nd = 2, n1 = 0, n2 = 1 → tau-b = −2 / √(3·2) = −0.8164965809.
        Assert.Equal(-2 / Math.Sqrt(6), RankStatistics.KendallTauB([1, 2, 3], [2, 2, 1])!.Value, Tolerance);
        // Both sides all tied, one pair, no pair: no order to compare → not measurable (null), never 0 or 1.
        Assert.Null(RankStatistics.KendallTauB([7, 7, 7], [7, 7, 7]));
        Assert.Null(RankStatistics.Spearman([7, 7, 7], [7, 7, 7]));
        Assert.Null(RankStatistics.Spearman([1], [2]));
        Assert.Null(RankStatistics.KendallTauB([], []));
        Assert.Null(RankStatistics.Spearman([], []));
        // Two pairs are the smallest measurable case: same order → 1, opposite → −1.
        Assert.Equal(1, RankStatistics.KendallTauB([1, 2], [5, 9])!.Value, Tolerance);
        Assert.Equal(-1, RankStatistics.Spearman([1, 2], [9, 5])!.Value, Tolerance);
        Assert.Throws<ArgumentException>(() => RankStatistics.KendallTauB([1, 2], [1]));
    }

    [Fact]
    public void Quantiles_and_overlap_at_the_edges()
    {
        // One value: every quantile is that value. Identical shortlists overlap fully; disjoint ones not at all.
        Assert.Equal(42, RankStatistics.Quantile([42], 0.95)!.Value, Tolerance);
        Assert.Equal(42, RankStatistics.Quantile([42], 0.5)!.Value, Tolerance);
        Assert.Equal((1.0, 3), RankStatistics.Overlap(["a", "b", "c"], ["c", "b", "a"]));
        Assert.Equal((0.0, 0), RankStatistics.Overlap(["a"], ["b"]));
        Assert.Equal((0.0, 0), RankStatistics.Overlap(["a"], []));
    }

    [Fact]
    public void Quantiles_interpolate_linearly_R7()
    {
        // [10, 20, 30, 40, 100]: p50 → h = (5 − 1)·0.5 = 2 → x[2] = 30;
        // p95 → h = 4·0.95 = 3.8 → x[3] + 0.8·(x[4] − x[3]) = 40 + 0.8·60 = 88
        Assert.Equal(30, RankStatistics.Quantile([100, 10, 40, 20, 30], 0.5)!.Value, Tolerance);
        Assert.Equal(88, RankStatistics.Quantile([100, 10, 40, 20, 30], 0.95)!.Value, Tolerance);
        Assert.Null(RankStatistics.Quantile([], 0.5));
    }

    [Fact]
    public void Shortlist_overlap_is_Jaccard_and_count()
    {
        // {a, b, c} and {b, c, d, e}: common {b, c} = 2, union {a, b, c, d, e} = 5 → 0.4
        Assert.Equal((0.4, 2), RankStatistics.Overlap(["a", "b", "c"], ["b", "c", "d", "e"]));
        Assert.Equal((1.0, 0), RankStatistics.Overlap([], []));
    }

    private static ComparisonSide Side(double overall, bool mustHaves, double java, bool javaMet, bool selected = false, bool repaired = false,
        bool evidenceValid = true, bool held = false, double? latency = null, long? tokens = null, decimal? cost = null) =>
        new(ShadowOutcome.Valid, null,
            new Dictionary<string, double> { ["overall"] = overall, ["mustHavesMet"] = mustHaves ? 1 : 0, ["criterion:java"] = java, ["criterion:java:met"] = javaMet ? 1 : 0 },
            repaired, evidenceValid, held, selected, latency, tokens, cost);

    private static readonly ComparisonSide Timeout = new(ShadowOutcome.Failed, "Timeout", new Dictionary<string, double>(), false, false, false, false, 5000, 0, 0m);

    /// <summary>
    /// Four candidates (primary from stored results: no latency, tokens or cost; candidate from a replay):
    /// P1 primary 80 (gate met, java 90 met, shortlisted) · candidate 70 (gate met, java 80 met, shortlisted, repaired), 100 ms, 1000 tokens, 0.010
    /// P2 primary 60 (gate met, java 60 met, shortlisted) · candidate 65 (gate NOT met, java 40 not met), 200 ms, 1200 tokens, 0.012
    /// P3 primary 40 (gate not met, java 30 not met)     · candidate 70 (gate not met, java 30 not met, held, evidence not valid), 300 ms, 800 tokens, 0.008
    /// P4 primary 20 (gate not met, java 10 not met)     · candidate failed (Timeout), 5000 ms, 0 tokens
    /// </summary>
    private static ComparisonPair[] Pairs() =>
    [
        new("P1", Side(80, true, 90, true, selected: true), Side(70, true, 80, true, selected: true, repaired: true, latency: 100, tokens: 1000, cost: 0.010m)),
        new("P2", Side(60, true, 60, true, selected: true), Side(65, false, 40, false, latency: 200, tokens: 1200, cost: 0.012m)),
        new("P3", Side(40, false, 30, false), Side(70, false, 30, false, evidenceValid: false, held: true, latency: 300, tokens: 800, cost: 0.008m)),
        new("P4", Side(20, false, 10, false), Timeout),
    ];

    [Fact]
    public void Per_pair_figures_match_the_hand_computation()
    {
        var c = MigrationComparer.Compare(Pairs(), batch: true);

        // Both valid: P1, P2, P3.
        Assert.Equal((4, 3), (c.Pairs, c.BothValid));
        // Overall differences (candidate − primary): −10, +5, +30 → mean 25/3, mean |d| 45/3 = 15, max |d| 30.
        Assert.Equal(("overall", 3), (c.Overall.Key, c.Overall.Pairs));
        Assert.Equal(25.0 / 3, c.Overall.MeanDifference!.Value, Tolerance);
        Assert.Equal(15, c.Overall.MeanAbsoluteDifference!.Value, Tolerance);
        Assert.Equal(30, c.Overall.MaxAbsoluteDifference!.Value, Tolerance);
        // java: −10, −20, 0 → mean −10, mean |d| 10, max 20.
        var java = Assert.Single(c.Criteria);
        Assert.Equal(("java", 3, -10.0, 10.0, 20.0), (java.Key, java.Pairs, java.MeanDifference!.Value, java.MeanAbsoluteDifference!.Value, java.MaxAbsoluteDifference!.Value));
        // Must-have gate: P1 agree, P2 disagree, P3 agree → 2/3; java "met" the same → 2/3.
        Assert.Equal(2.0 / 3, c.MustHaveAgreement!.Value, Tolerance);
        Assert.Equal(2.0 / 3, c.CriterionMetAgreement!.Value, Tolerance);

        // Candidate side: 4 calls, 3 valid, 1 failed, 1 repaired, 1 held; valid 3/4, repair 1/3, failure 1/4,
        // evidence valid 2 of 3 valid. Latency [100, 200, 300, 5000]: p50 h = 3·0.5 = 1.5 → 200 + 0.5·100 = 250;
        // p95 h = 3·0.95 = 2.85 → 300 + 0.85·4700 = 4295. Tokens 1000 + 1200 + 800 + 0 = 3000, cost 0.030.
        var cand = c.Candidate;
        Assert.Equal((4, 3, 0, 1, 1, 1), (cand.Calls, cand.Valid, cand.Invalid, cand.Failed, cand.Repaired, cand.Held));
        Assert.Equal(0.75, cand.SchemaValidRate, Tolerance);
        Assert.Equal(1.0 / 3, cand.RepairRate, Tolerance);
        Assert.Equal(0.25, cand.FailureRate, Tolerance);
        Assert.Equal(2.0 / 3, cand.EvidenceValidity, Tolerance);
        Assert.Equal(250, cand.LatencyP50Ms!.Value, Tolerance);
        Assert.Equal(4295, cand.LatencyP95Ms!.Value, Tolerance);
        Assert.Equal((3000L, 0.030m), (cand.Tokens, cand.Cost));
        Assert.Equal(new Dictionary<string, int> { ["Timeout"] = 1 }, cand.FailureReasons);
        // Primary side: stored results carry no latency, tokens or cost.
        Assert.Equal((4, 4, 1.0), (c.Primary.Calls, c.Primary.Valid, c.Primary.SchemaValidRate));
        Assert.Null(c.Primary.LatencyP50Ms);
        Assert.Null(c.Primary.Tokens);
    }

    [Fact]
    public void Per_batch_figures_match_the_hand_computation()
    {
        var c = MigrationComparer.Compare(Pairs(), batch: true);

        // Rank keys (1000 when the gate is met + overall) over the both-valid pairs:
        // primary P1 1080, P2 1060, P3 40; candidate P1 1070, P2 65, P3 70.
        // Pairs: (P1,P2) x↓ y↓ concordant · (P1,P3) C · (P2,P3) x: 1060 > 40, y: 65 < 70 → discordant
        // tau-b = (2 − 1) / √(3·3) = 1/3. Spearman: ranks x [3, 2, 1], y [3, 1, 2], d = [0, 1, −1], Σd² = 2
        // → rho = 1 − 6·2 / (3·(9 − 1)) = 1 − 12/24 = 0.5.
        Assert.Equal(1.0 / 3, c.KendallTauB!.Value, Tolerance);
        Assert.Equal(0.5, c.Spearman!.Value, Tolerance);
        // Shortlists: primary {P1, P2}, candidate {P1} → common 1, Jaccard 1/2. Held 0 → 1.
        var b = c.Batch!;
        Assert.Equal((2, 1, 1, 0.5), (b.PrimaryShortlist, b.CandidateShortlist, b.ShortlistCommon, b.ShortlistJaccard));
        Assert.Equal((0, 1), (b.PrimaryHeld, b.CandidateHeld));
        Assert.Empty(b.ImpactRatios); // no self-identified categories given
        Assert.Null(b.LargestImpactRatioDrop);
        Assert.Null(MigrationComparer.Compare(Pairs(), batch: false).Batch);
    }

    [Fact]
    public void Impact_ratio_changes_reuse_the_LL144_audit_and_match_the_hand_computation()
    {
        // Two women, two men. Primary shortlist: W1, M1 → selection rates W 1/2, M 1/2 → impact ratios W 1, M 1.
        // Candidate shortlist: W1, M1, M2 → W 1/2, M 2/2 → impact ratios W 0.5/1 = 0.5, M 1.
        // Changes: W 0.5 − 1 = −0.5, M 0 → largest drop 0.5; the candidate's W ratio is under 0.8 → flagged.
        var woman = new SelfIdentifiedCategories("Female", null);
        var man = new SelfIdentifiedCategories("Male", null);
        ComparisonPair Pair(string key, SelfIdentifiedCategories who, bool before, bool after) =>
            new(key, Side(50, true, 50, true, selected: before), Side(50, true, 50, true, selected: after), who);

        var c = MigrationComparer.Compare([Pair("W1", woman, true, true), Pair("W2", woman, false, false), Pair("M1", man, true, true), Pair("M2", man, false, true)], batch: true);

        var sex = c.Batch!.ImpactRatios.Where(r => r.Dimension == "sex").ToDictionary(r => r.Category);
        Assert.Equal((1.0, 0.5, -0.5), (sex["Female"].Primary!.Value, sex["Female"].Candidate!.Value, sex["Female"].Change!.Value));
        Assert.Equal((1.0, 1.0, 0.0), (sex["Male"].Primary!.Value, sex["Male"].Candidate!.Value, sex["Male"].Change!.Value));
        Assert.Equal(0.5, c.Batch.LargestImpactRatioDrop!.Value, Tolerance);
        Assert.True(c.Batch.CandidateFlagged > c.Batch.PrimaryFlagged);
    }
}
