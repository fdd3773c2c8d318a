using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class CandidateRankerTests
{
    [Fact]
    public void Must_have_gate_comes_first_then_score_and_equal_scores_share_a_rank()
    {
        var results = new[]
        {
            Result("e", 95, mustHaves: false),
            Result("b", 70, mustHaves: true),
            Result("a", 70, mustHaves: true),
            Result("c", 90, mustHaves: true),
            Failed("d"),
        };

        var ranked = CandidateRanker.Rank(results);

        Assert.Equal(["c", "a", "b", "e", "d"], ranked.Select(r => r.CandidateId));
        Assert.Equal([1, 2, 2, 4, (int?)null], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Ranking_does_not_depend_on_input_order()
    {
        var results = Enumerable.Range(0, 50).Select(i => Result($"id-{i:D2}", i % 7 * 10, i % 3 != 0)).ToArray();

        var forward = CandidateRanker.Rank(results).Select(r => (r.CandidateId, r.Rank));
        var backward = CandidateRanker.Rank(results.Reverse()).Select(r => (r.CandidateId, r.Rank));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Shortlist_takes_the_top_ranked_that_meet_every_must_have()
    {
        var ranked = CandidateRanker.Rank([Result("a", 99, false), Result("b", 60, true), Result("c", 80, true), Result("d", 70, true)]);

        var shortlist = CandidateRanker.Shortlist(ranked, 2);

        Assert.Equal([("c", 1, 80), ("d", 2, 70)], shortlist.Select(s => (s.CandidateId, s.Rank, s.OverallScore)));
    }

    [Fact]
    public void A_tie_across_the_shortlist_boundary_puts_every_tied_candidate_in_whatever_their_ids()
    {
        // Two groups of ids: whichever order or naming, the tie at the boundary is decided by nothing but the score.
        foreach (var ids in new[] { new[] { "a", "b", "c", "d", "e" }, new[] { "z", "y", "x", "w", "v" } })
        {
            var ranked = CandidateRanker.Rank([Result(ids[0], 90, true), Result(ids[1], 80, true), Result(ids[2], 80, true), Result(ids[3], 80, true), Result(ids[4], 70, true)]);

            var shortlist = CandidateRanker.Shortlist(ranked, 2);

            Assert.Equal(4, shortlist.Count);
            Assert.Equal(ids[..4].Order(StringComparer.Ordinal), shortlist.Select(s => s.CandidateId).Order(StringComparer.Ordinal));
            Assert.Equal([false, true, true, true], shortlist.OrderBy(s => s.Rank).ThenBy(s => s.CandidateId, StringComparer.Ordinal).Select(s => s.TiedAtBoundary));
            Assert.Equal([1, 2, 2, 2], shortlist.Select(s => s.Rank));
        }
    }

    [Fact]
    public void Held_candidates_are_not_ranked_or_shortlisted_until_released()
    {
        var held = Result("h", 100, true) with { Hold = new CandidateHold(["PromptInjection: ignore-previous-instructions: 1"], []) };
        var ranked = CandidateRanker.Rank([held, Result("a", 60, true)]);

        Assert.Null(ranked.Single(r => r.CandidateId == "h").Rank);
        Assert.Equal(["a"], CandidateRanker.Shortlist(ranked, 5).Select(s => s.CandidateId));

        var released = CandidateRanker.Rank([held with { Hold = held.Hold! with { ReleasedBy = "rev" } }, Result("a", 60, true)]);
        Assert.Equal(["h", "a"], CandidateRanker.Shortlist(released, 5).Select(s => s.CandidateId));
    }

    [Fact]
    public void A_ranking_that_would_mix_scorers_is_refused()
    {
        var results = new[] { Scored("a", 90, "gpt"), Scored("b", 40, "rules") };

        var ex = Assert.Throws<InvalidOperationException>(() => CandidateRanker.Rank(results));

        Assert.Contains("mix 2 scorers", ex.Message, StringComparison.Ordinal);
        Assert.Contains("azure/gpt@hr.screen-resume:1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranking_on_the_batchs_scorer_leaves_candidates_of_another_scorer_unranked()
    {
        var results = new[] { Scored("a", 90, "gpt"), Scored("b", 95, "rules"), Scored("c", 50, "gpt") };

        var ranked = CandidateRanker.Rank(results, "azure/gpt@hr.screen-resume:1");

        Assert.Equal([("a", (int?)1), ("c", 2), ("b", null)], ranked.Select(r => (r.CandidateId, r.Rank)));
        Assert.Equal(["a", "c"], CandidateRanker.Shortlist(ranked, 5).Select(s => s.CandidateId));
    }

    private static CandidateResult Scored(string id, int score, string model) =>
        Result(id, score, mustHaves: true) with
        {
            Provenance = new AiFunctions.Kernel.Functions.AiFunctionProvenance("hr.screen-resume", "1", "screening", "azure", "azure-openai", "1.0.0", model, true, 1, false, DateTimeOffset.UnixEpoch),
        };

    private static CandidateResult Result(string id, int score, bool mustHaves) => new(
        "b", id, id, CandidateResultStatus.Screened,
        new ScreeningAssessment([], mustHaves, score, [], ""), null, [], 0, DateTimeOffset.UnixEpoch);

    private static CandidateResult Failed(string id) =>
        new("b", id, id, CandidateResultStatus.Failed, null, null, [], 0, DateTimeOffset.UnixEpoch, Error: "x");
}
