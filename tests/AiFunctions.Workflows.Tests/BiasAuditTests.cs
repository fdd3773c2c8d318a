using AiFunctions.Workflows.Fairness;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>The NYC Local Law 144 figures (6 RCNY §5-300, §5-301) against values computed by hand (docs/fairness.md).</summary>
public sealed class BiasAuditTests
{
    private static AuditSubject S(bool selected, int score, string? sex, string? race) => new(selected, score, new SelfIdentifiedCategories(sex, race));

    [Fact]
    public void Selection_and_scoring_rates_and_impact_ratios_match_the_hand_computed_figures()
    {
        // 10 candidates; scores 20..95, median (60 + 70) / 2 = 65.
        AuditSubject[] subjects =
        [
            S(true, 90, "Female", "White"), S(true, 80, "Female", "White"), S(false, 40, "Female", "White"),
            S(true, 85, "Female", "Black"), S(false, 30, "Female", "Black"),
            S(true, 70, "Male", "White"), S(false, 60, "Male", "White"), S(false, 20, "Male", "White"),
            S(false, 50, "Male", "Asian"),
            S(true, 95, null, "White"),
        ];

        var figures = BiasAudit.Compute(subjects);

        Assert.Equal((10, 5, 65.0, 1, 0, 1), (figures.Total, figures.Selected, figures.MedianScore!.Value, figures.UnknownSex, figures.UnknownRaceEthnicity, figures.UnknownIntersection));
        AssertCategory(figures, "sex", "Female", 5, 0.6, 1.0, 0.6, 1.0, flagged: false);
        AssertCategory(figures, "sex", "Male", 4, 0.25, 0.25 / 0.6, 0.25, 0.25 / 0.6, flagged: true);
        AssertCategory(figures, "race/ethnicity", "White", 7, 4.0 / 7, 1.0, 4.0 / 7, 1.0, flagged: false);
        AssertCategory(figures, "race/ethnicity", "Black", 2, 0.5, 0.5 / (4.0 / 7), 0.5, 0.5 / (4.0 / 7), flagged: false);
        AssertCategory(figures, "race/ethnicity", "Asian", 1, 0, 0, 0, 0, flagged: true);
        AssertCategory(figures, "sex × race/ethnicity", "Female / White", 3, 2.0 / 3, 1.0, 2.0 / 3, 1.0, flagged: false);
        AssertCategory(figures, "sex × race/ethnicity", "Female / Black", 2, 0.5, 0.75, 0.5, 0.75, flagged: true);
        AssertCategory(figures, "sex × race/ethnicity", "Male / White", 3, 1.0 / 3, 0.5, 1.0 / 3, 0.5, flagged: true);
        Assert.Contains("sex,Male,4,1,0.25,0.4167,1,0.25,0.4167,false,true", figures.ToCsv(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("=1\t")]
    [InlineData("a\rb")]
    public void Csv_cells_a_spreadsheet_would_run_as_a_formula_are_escaped_and_rows_stay_whole(string category)
    {
        AuditSubject[] subjects = [S(true, 90, category, "White"), S(false, 40, "Female", "White")];

        var lines = BiasAudit.Compute(subjects).ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var trimmed = category.Trim();
        var cell = "\"" + (trimmed[0] is '=' or '+' or '-' or '@' ? "'" : string.Empty) + trimmed.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        Assert.Contains(lines, l => l.StartsWith("sex," + cell + ",1,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Split(',').Any(c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r'));
    }

    private static void AssertCategory(BiasAuditFigures figures, string dimension, string category, int count, double selectionRate, double impact, double scoringRate, double scoringImpact, bool flagged)
    {
        var c = figures.Categories.Single(x => x.Dimension == dimension && x.Category == category);
        Assert.Equal(count, c.Count);
        Assert.Equal(selectionRate, c.SelectionRate, 6);
        Assert.Equal(impact, c.ImpactRatio!.Value, 6);
        Assert.Equal(scoringRate, c.ScoringRate, 6);
        Assert.Equal(scoringImpact, c.ScoringImpactRatio!.Value, 6);
        Assert.Equal(flagged, c.Flagged);
    }

    [Fact]
    public void A_category_under_two_percent_is_counted_but_left_out_of_the_ratios()
    {
        // 60 candidates: one "Native Hawaiian or Pacific Islander" (1.7 %) who was selected alone in a group of none.
        var subjects = Enumerable.Range(0, 59).Select(i => S(i % 2 == 0, i, i % 2 == 0 ? "Female" : "Male", "White"))
            .Append(S(true, 99, "Female", "Native Hawaiian or Pacific Islander"))
            .ToArray();

        var figures = BiasAudit.Compute(subjects);

        var small = figures.Categories.Single(c => c.Dimension == "race/ethnicity" && c.Category == "Native Hawaiian or Pacific Islander");
        Assert.Equal((1, true, (double?)null, (double?)null, false), (small.Count, small.Excluded, small.ImpactRatio, small.ScoringImpactRatio, small.Flagged));
        var white = figures.Categories.Single(c => c.Dimension == "race/ethnicity" && c.Category == "White");
        Assert.Equal(1.0, white.ImpactRatio);
    }

    /// <summary>
    /// Refusals and placeholders spelled out are unknown, not categories: they are counted apart and take no part in
    /// the ratios. Hand-computed: 10 candidates; "Decline to self-identify", "N/A", "-" and "Prefer not to say" are 4
    /// unknown sexes ("Unknown" one race, 4 unknown intersections); known sexes Female 3 (2 selected, 0.667) and Male 3 (1 selected, 0.333 → impact 0.5, flagged).
    /// The reported spelling of a category does not depend on the order candidates came in.
    /// </summary>
    [Fact]
    public void Refusals_and_placeholders_spelled_out_are_counted_as_unknown_not_as_categories()
    {
        AuditSubject[] subjects =
        [
            S(true, 90, "female", "White"), S(true, 80, "Female", "White"), S(false, 40, "FEMALE", "Asian"),
            S(true, 85, "Male", "Asian"), S(false, 30, "Male", "White"), S(false, 35, "Male", "White"),
            S(true, 95, "Decline to self-identify", "White"), S(false, 20, "N/A", "Unknown"), S(false, 25, "-", "White"), S(true, 99, "Prefer not to say", "Asian"),
        ];

        var figures = BiasAudit.Compute(subjects);
        var reversed = BiasAudit.Compute(subjects.Reverse().ToArray());

        Assert.Equal((4, 1, 4), (figures.UnknownSex, figures.UnknownRaceEthnicity, figures.UnknownIntersection));
        Assert.Equal(["Female", "Male"], figures.Categories.Where(c => c.Dimension == "sex").Select(c => c.Category));
        Assert.Equal(figures.Categories.Select(c => c.Category), reversed.Categories.Select(c => c.Category));
        var male = figures.Categories.Single(c => c.Dimension == "sex" && c.Category == "Male");
        Assert.Equal((3, 1, 0.5, true), (male.Count, male.Selected, Math.Round(male.ImpactRatio!.Value, 6), male.Flagged));
        Assert.DoesNotContain(figures.Categories, c => c.Category.Contains("Unknown", StringComparison.OrdinalIgnoreCase) || c.Category.Contains("Decline", StringComparison.Ordinal));
    }
}
