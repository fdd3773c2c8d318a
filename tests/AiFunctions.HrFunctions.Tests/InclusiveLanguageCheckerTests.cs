using AiFunctions.HrFunctions.Checks;

namespace AiFunctions.HrFunctions.Tests;

public sealed class InclusiveLanguageCheckerTests
{
    private static readonly InclusiveLanguageChecker Checker = new();

    [Theory]
    [InlineData("We want a rockstar developer.", "rockstar", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("Be a coding Ninja!", "Ninja", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("An Excel guru", "guru", InclusiveLanguageChecker.Exclusionary)]
    [InlineData("Plan manpower for the season", "manpower", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("Reports to the chairman", "chairman", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("The engineer owns his services", "his", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("If she joins, the team grows", "she", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("He reports weekly", "He", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("The lead manages her team", "her", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("A young and dynamic team", "young", InclusiveLanguageChecker.AgeCoded)]
    [InlineData("Energetic self-starter", "Energetic", InclusiveLanguageChecker.AgeCoded)]
    [InlineData("You are a digital native", "digital native", InclusiveLanguageChecker.AgeCoded)]
    [InlineData("An aggressive sales approach", "aggressive", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("A dominant market player", "dominant", InclusiveLanguageChecker.GenderCoded)]
    [InlineData("Must be a culture fit", "culture fit", InclusiveLanguageChecker.Exclusionary)]
    [InlineData("Native English speaker required", "Native English speaker", InclusiveLanguageChecker.Exclusionary)]
    [InlineData("Ideal for a recent graduate", "recent graduate", InclusiveLanguageChecker.AgeCoded)]
    public void Flags_the_term_with_its_position_category_and_an_alternative(string text, string term, string category)
    {
        var finding = Assert.Single(Checker.Check(text));

        Assert.Equal(term, finding.Term);
        Assert.Equal(text.IndexOf(term, StringComparison.Ordinal), finding.Index);
        Assert.Equal(term.Length, finding.Length);
        Assert.Equal(category, finding.Category);
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));
    }

    [Fact]
    public void A_generic_he_or_she_is_one_finding_suggesting_they()
    {
        var finding = Assert.Single(Checker.Check("Once hired, he or she will own the roadmap."));

        Assert.Equal("he or she", finding.Term);
        Assert.Equal("they", finding.Replacement);
        Assert.Equal("he/she", Assert.Single(Checker.Check("The lead, he/she reports weekly.")).Term);
    }

    [Fact]
    public void Words_that_merely_contain_a_flagged_term_are_not_flagged()
    {
        const string text = "The team shepherds history, other theses and the chairs; these youngsters-free heuristics are fine.";

        Assert.Empty(Checker.Check(text.Replace("youngsters-free ", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Inclusive_text_has_no_findings()
    {
        const string text = "You will build reliable services with a collaborative team. We welcome applicants of every background; " +
                            "they will be supported with mentoring. Fluent English is required.";

        Assert.Empty(Checker.Check(text));
    }

    [Fact]
    public void Findings_are_ordered_by_position()
    {
        var findings = Checker.Check("A young rockstar who is a culture fit and a native English speaker.");

        Assert.Equal(["young", "rockstar", "culture fit", "native English speaker"], findings.Select(f => f.Term));
        Assert.Equal(findings.OrderBy(f => f.Index), findings);
    }

    [Fact]
    public void Rewrite_replaces_every_finding_and_keeps_a_leading_capital()
    {
        var rewritten = Checker.Rewrite("Rockstar wanted. He will grow his manpower.");

        Assert.Equal("Skilled professional wanted. The candidate will grow their workforce.", rewritten);
        Assert.Empty(Checker.Check(rewritten));
    }

    [Fact]
    public void A_drafts_markdown_is_checked()
    {
        var draft = JobDescriptionDraftFunctionTests.CompleteDraft() with { Markdown = "# Ninja wanted" };

        Assert.Equal("Ninja", Assert.Single(Checker.Check(draft)).Term);
    }
}
