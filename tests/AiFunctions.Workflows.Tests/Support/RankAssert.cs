using AiFunctions.Workflows.Storage;
using Xunit;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// Asserts standard competition ranking ("1, 2, 2, 4") over results read in rank order: equal ranking keys
/// (must-haves met, overall score) share a rank, and the next distinct key takes its position. Nothing derived from
/// ids decides a rank (docs/fairness.md, ties).
/// </summary>
internal static class RankAssert
{
    public static void CompetitionRanks(IReadOnlyList<CandidateResult> inRankOrder, int expectedCount)
    {
        Assert.Equal(expectedCount, inRankOrder.Count);
        for (var i = 0; i < inRankOrder.Count; i++)
        {
            var rank = inRankOrder[i].Rank!.Value;
            if (i == 0)
            {
                Assert.Equal(1, rank);
                continue;
            }

            var tied = Key(inRankOrder[i]) == Key(inRankOrder[i - 1]);
            Assert.Equal(tied ? inRankOrder[i - 1].Rank!.Value : i + 1, rank);
        }
    }

    private static (bool, int) Key(CandidateResult r) => (r.Assessment!.MustHavesMet, r.Assessment.OverallScore);
}
