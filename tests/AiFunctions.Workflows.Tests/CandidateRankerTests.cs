using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class CandidateRankerTests
{
    [Fact]
    public void Must_have_gate_comes_first_then_score_then_candidate_id()
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
        Assert.Equal([1, 2, 3, 4, (int?)null], ranked.Select(r => r.Rank));
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

    private static CandidateResult Result(string id, int score, bool mustHaves) => new(
        "b", id, id, CandidateResultStatus.Screened,
        new ScreeningAssessment([], mustHaves, score, [], ""), null, [], 0, DateTimeOffset.UnixEpoch);

    private static CandidateResult Failed(string id) =>
        new("b", id, id, CandidateResultStatus.Failed, null, null, [], 0, DateTimeOffset.UnixEpoch, Error: "x");
}
