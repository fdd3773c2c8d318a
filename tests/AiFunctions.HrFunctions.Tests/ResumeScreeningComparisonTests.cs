using AiFunctions.HrFunctions.Screening;

namespace AiFunctions.HrFunctions.Tests;

/// <summary>What the screening function gives shadow sampling and comparisons: a call key and numbers, never text.</summary>
public sealed class ResumeScreeningComparisonTests
{
    private static readonly ResumeScreeningFunction Function = new();

    private static ScreeningInput Input(string candidateRef = "cand-1", string resume = "Built payment services in Java.") => new(
        "req-1", "Software Engineer", "Build payment services.",
        [new Criterion("java", "Programming in Java", CriterionKind.MustHave, 2), new Criterion("reviews", "Code reviews", CriterionKind.NiceToHave)],
        candidateRef, resume);

    [Fact]
    public void The_call_key_ignores_the_candidate_reference_so_the_same_resume_is_sampled_alike_under_every_name()
    {
        Assert.Equal(Function.CallKey(Input("cand-aaa")), Function.CallKey(Input("cand-bbb")));
        Assert.NotEqual(Function.CallKey(Input()), Function.CallKey(Input(resume: "Built payment services in Go.")));
        Assert.NotEqual(Function.CallKey(Input()), Function.CallKey(Input() with { Criteria = [new Criterion("java", "Programming in Java", CriterionKind.NiceToHave, 2)] }));
        Assert.DoesNotContain("Java", Function.CallKey(Input()), StringComparison.Ordinal);
        Assert.Equal(64, Function.CallKey(Input()).Length); // SHA-256, hex
    }

    [Fact]
    public void Comparison_scores_are_the_numbers_of_the_assessment()
    {
        var assessment = new ScreeningAssessment(
            [
                new CriterionAssessment("java", 90, true, ["Built payment services in Java.", " "], "Java named."),
                new CriterionAssessment("reviews", 20, false, [], "None."),
            ],
            MustHavesMet: true, OverallScore: 67, Concerns: ["x"], Summary: "s");

        var scores = Function.ComparisonScores(assessment);

        Assert.Equal(new Dictionary<string, double>
        {
            ["overall"] = 67, ["mustHavesMet"] = 1, ["evidence"] = 1,
            ["criterion:java"] = 90, ["criterion:java:met"] = 1, ["criterion:reviews"] = 20, ["criterion:reviews:met"] = 0,
        }, scores);
    }
}
