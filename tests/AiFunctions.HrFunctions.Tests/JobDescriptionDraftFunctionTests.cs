using AiFunctions.HrFunctions.Drafting;

namespace AiFunctions.HrFunctions.Tests;

public sealed class JobDescriptionDraftFunctionTests
{
    private static readonly JobDescriptionDraftFunction Function = new();

    private static JobDescriptionRequest Request() => new(
        "Payroll Specialist", "Finance", "Leeds", "Part-time",
        ["Run the monthly payroll"], ["Payroll experience"], ["CIPP qualification"], "GBP 30,000");

    internal static JobDescriptionDraft CompleteDraft() => new(
        "Payroll Specialist",
        "Join our finance team.",
        ["Run the monthly payroll"],
        ["Payroll experience"],
        [],
        "Pension and 28 days of leave.",
        "We are an equal opportunity employer.",
        "# Payroll Specialist\n...");

    [Fact]
    public void Identity_and_route()
    {
        Assert.Equal("hr.draft-job-description", Function.Name);
        Assert.Equal("drafting", Function.Route);
    }

    [Fact]
    public void A_first_round_prompt_has_the_request_and_the_inclusive_language_rules()
    {
        var messages = Function.BuildPrompt(Request());

        Assert.Contains("inclusive", messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("equal-opportunity statement", messages[0].Text, StringComparison.Ordinal);
        var user = messages[1].Text;
        Assert.Contains("Title: Payroll Specialist", user, StringComparison.Ordinal);
        Assert.Contains("- Run the monthly payroll", user, StringComparison.Ordinal);
        Assert.Contains("Salary range: GBP 30,000", user, StringComparison.Ordinal);
        Assert.DoesNotContain("revision round", user, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revision_prompt_carries_the_previous_draft_and_every_comment()
    {
        var request = Request() with { PreviousDraft = CompleteDraft(), RevisionComments = ["Mention hybrid working", "Shorter summary"] };

        var user = Function.BuildPrompt(request)[1].Text;

        Assert.Contains("This is a revision round", user, StringComparison.Ordinal);
        Assert.Contains("# Payroll Specialist\n...", user.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("- Mention hybrid working", user, StringComparison.Ordinal);
        Assert.Contains("- Shorter summary", user, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_draft_is_valid()
    {
        Assert.Empty(Function.Validate(Request(), CompleteDraft()));
    }

    [Fact]
    public void Each_empty_required_section_is_a_violation()
    {
        var draft = CompleteDraft() with { Summary = " ", Requirements = [], EqualOpportunityStatement = string.Empty, Markdown = string.Empty, Title = string.Empty };

        var violations = Function.Validate(Request(), draft);

        Assert.Equal(5, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("Section 'Summary' (summary) is empty", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Section 'Requirements' (requirements) is empty", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Section 'EqualOpportunityStatement' (equalOpportunityStatement) is empty", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("title is empty", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("markdown is empty", StringComparison.Ordinal));
    }
}
