using AiFunctions.HrFunctions.Screening;

namespace AiFunctions.HrFunctions.Tests;

public sealed class ResumeScreeningValidationTests
{
    private const string Resume =
        "Senior Software Engineer, Acme, 2015 - 2023\n" +
        "- Built payment services in   Java and Python.\n" +
        "- Led code reviews for a team of six.";

    private static readonly ResumeScreeningFunction Function = new();

    private static ScreeningInput Input() => new(
        "req-1",
        "Software Engineer",
        "Build payment services.",
        [
            new Criterion("java", "Programming in Java", CriterionKind.MustHave, 2),
            new Criterion("reviews", "Code reviews", CriterionKind.NiceToHave),
        ],
        "cand-1",
        Resume);

    private static ScreeningAssessment Valid() => new(
        [
            new CriterionAssessment("java", 90, true, ["Built payment services in Java and Python."], "Java named."),
            new CriterionAssessment("reviews", 70, true, ["Led code reviews"], "Reviews named."),
        ],
        MustHavesMet: true,
        OverallScore: 83,
        Concerns: [],
        Summary: "Strong match.");

    [Fact]
    public void A_consistent_assessment_with_verbatim_evidence_is_valid()
    {
        Assert.Empty(Function.Validate(Input(), Valid()));
    }

    [Fact]
    public void Evidence_that_differs_only_in_whitespace_still_counts_as_verbatim()
    {
        var output = Valid() with { Criteria = [Valid().Criteria[0] with { Evidence = ["Built payment services\nin Java  and Python."] }, Valid().Criteria[1]] };

        Assert.Empty(Function.Validate(Input(), output));
    }

    [Theory]
    [InlineData("Built payment services in Java, Python and Go.")] // paraphrased
    [InlineData("built payment services in Java and Python.")] // case changed
    [InlineData("Ten years of Kubernetes")] // invented
    [InlineData("   ")] // blank
    public void Evidence_that_is_not_in_the_resume_is_a_violation(string quote)
    {
        var output = Valid() with { Criteria = [Valid().Criteria[0] with { Evidence = [quote] }, Valid().Criteria[1]] };

        var violation = Assert.Single(Function.Validate(Input(), output));
        Assert.Contains("Criterion 'java': evidence quote", violation, StringComparison.Ordinal);
        Assert.Contains("does not occur verbatim in the resume", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_criterion_is_a_violation_naming_the_known_ids()
    {
        var output = Valid() with { Criteria = [.. Valid().Criteria, new CriterionAssessment("golang", 50, false, [], "?")] };

        var violation = Assert.Single(Function.Validate(Input(), output));
        Assert.Contains("'golang'", violation, StringComparison.Ordinal);
        Assert.Contains("java, reviews", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_criterion_is_a_violation()
    {
        var output = Valid() with { Criteria = [Valid().Criteria[0]] };

        var violation = Assert.Single(Function.Validate(Input(), output));
        Assert.Equal("Criterion 'reviews' is not assessed. Add exactly one assessment for it.", violation);
    }

    [Fact]
    public void An_entry_without_a_criterion_id_is_a_violation_not_a_crash()
    {
        var output = Valid() with { Criteria = [.. Valid().Criteria, null!, new CriterionAssessment(null!, 10, false, [], "?")] };

        var violations = Function.Validate(Input(), output);

        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.StartsWith("criteria contains an entry without a criterionId", v, StringComparison.Ordinal));
    }

    [Fact]
    public void A_criterion_assessed_twice_is_a_violation()
    {
        var output = Valid() with { Criteria = [.. Valid().Criteria, Valid().Criteria[1]] };

        var violation = Assert.Single(Function.Validate(Input(), output));
        Assert.Contains("'reviews' is assessed more than once", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_criterion_score_outside_0_to_100_is_a_violation(int score)
    {
        var output = Valid() with { Criteria = [Valid().Criteria[0], Valid().Criteria[1] with { Score = score }] };

        var violation = Assert.Single(Function.Validate(Input(), output));
        Assert.Contains($"'reviews' has score {score}", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(150)]
    public void An_overall_score_outside_0_to_100_is_a_violation(int overall)
    {
        var violation = Assert.Single(Function.Validate(Input(), Valid() with { OverallScore = overall }));
        Assert.Contains($"overallScore is {overall}", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Claiming_the_gate_passed_when_a_must_have_is_not_met_is_a_violation()
    {
        var output = Valid() with { Criteria = [Valid().Criteria[0] with { Met = false }, Valid().Criteria[1]] };

        var violation = Assert.Single(Function.Validate(Input(), output));
        Assert.Contains("mustHavesMet is true, but must-have criteria 'java' have met = false", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Claiming_the_gate_failed_when_every_must_have_is_met_is_a_violation()
    {
        var violation = Assert.Single(Function.Validate(Input(), Valid() with { MustHavesMet = false }));
        Assert.StartsWith("mustHavesMet is false, but every must-have criterion has met = true", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nice_to_have_that_is_not_met_does_not_affect_the_gate()
    {
        var output = Valid() with { Criteria = [Valid().Criteria[0], Valid().Criteria[1] with { Met = false, Score = 20 }] };

        Assert.Empty(Function.Validate(Input(), output));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var output = new ScreeningAssessment(
            [new CriterionAssessment("java", 120, false, ["made up"], "x")],
            MustHavesMet: true,
            OverallScore: 101,
            Concerns: [],
            Summary: string.Empty);

        Assert.Equal(5, Function.Validate(Input(), output).Count);
    }
}
