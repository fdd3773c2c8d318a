using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Local.Drafting;
using Xunit;

namespace AiFunctions.Providers.Tests.Local;

public sealed class LocalJobDescriptionDrafterTests
{
    private static readonly JobDescriptionDraftFunction Function = new();
    private static readonly InclusiveLanguageChecker Inclusive = new();

    private static JobDescriptionRequest Request() => new(
        "Backend Engineer",
        "Payments",
        "Amsterdam",
        "Full-time",
        ["Build and run the payment APIs", "Review code and mentor colleagues"],
        ["3+ years building services in C# or Java", "Experience with SQL databases"],
        ["Kubernetes"],
        "EUR 70,000 - 85,000");

    [Fact]
    public void A_first_draft_has_every_required_section_and_passes_validation()
    {
        var draft = new LocalJobDescriptionDrafter().Draft(Request());

        Assert.Empty(Function.Validate(Request(), draft));
        Assert.Equal("Backend Engineer", draft.Title);
        Assert.Equal(Request().Responsibilities, draft.Responsibilities);
        Assert.Contains("EUR 70,000 - 85,000", draft.Benefits, StringComparison.Ordinal);
        Assert.Contains("equal opportunity employer", draft.EqualOpportunityStatement, StringComparison.Ordinal);
        Assert.Contains("## Equal opportunity", draft.Markdown, StringComparison.Ordinal);
        Assert.Contains("not by a generative model", draft.Markdown, StringComparison.Ordinal);
        Assert.Empty(Inclusive.Check(draft));
    }

    [Fact]
    public void Coded_and_exclusionary_terms_in_the_request_are_rewritten()
    {
        var request = Request() with
        {
            Title = "Rockstar Backend Ninja",
            Responsibilities = ["He will own the payment APIs and report to the chairman", "Increase manpower planning accuracy"],
            Requirements = ["Young, energetic digital native", "Native English speaker", "Aggressive about deadlines and a culture fit"],
        };

        var draft = new LocalJobDescriptionDrafter().Draft(request);

        Assert.NotEmpty(Inclusive.Check(string.Join('\n', request.Requirements)));
        Assert.Empty(Inclusive.Check(draft));
        Assert.Empty(Function.Validate(request, draft));
        Assert.Equal("Skilled professional Backend Expert", draft.Title);
    }

    [Fact]
    public void A_request_without_lists_still_gets_every_required_section()
    {
        var draft = new LocalJobDescriptionDrafter().Draft(Request() with { Responsibilities = [], Requirements = [], NiceToHaves = [], SalaryRange = null });

        Assert.Empty(Function.Validate(Request(), draft));
        Assert.Contains("[Hiring manager:", draft.Responsibilities[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_comments_are_applied_deterministically_and_listed_as_editor_notes()
    {
        var drafter = new LocalJobDescriptionDrafter();
        var first = drafter.Draft(Request());
        var revision = Request() with
        {
            PreviousDraft = first,
            RevisionComments =
            [
                "Replace \"payment APIs\" with \"payment platform\"",
                "Remove \"Kubernetes\"",
                "Add requirement: Clear written communication",
                "Make it sound more exciting",
            ],
        };

        var second = drafter.Draft(revision);

        Assert.Equal("Build and run the payment platform", second.Responsibilities[0]);
        Assert.Empty(second.NiceToHaves);
        Assert.Equal("Clear written communication", second.Requirements[^1]);
        Assert.Contains("Comment 1: applied (1 replacement(s)).", second.Markdown, StringComparison.Ordinal);
        Assert.Contains("Comment 2: applied", second.Markdown, StringComparison.Ordinal);
        Assert.Contains("Comment 3: applied (item added).", second.Markdown, StringComparison.Ordinal);
        Assert.Contains("Comment 4: needs a human editor", second.Markdown, StringComparison.Ordinal);
        Assert.Empty(Function.Validate(revision, second));
        Assert.Empty(Inclusive.Check(second));
        var again = drafter.Draft(revision);
        Assert.Equal(second.Markdown, again.Markdown);
        Assert.Equal(second.Requirements, again.Requirements);
    }

    [Fact]
    public async Task The_native_function_serves_only_the_rules_model()
    {
        var drafter = new LocalJobDescriptionDrafter("local-x");

        var draft = await drafter.InvokeAsync(Request(), LocalModels.HrRules, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ProviderException>(() => drafter.InvokeAsync(Request(), "gpt-4o", CancellationToken.None));

        Assert.Equal("hr.draft-job-description", drafter.FunctionName);
        Assert.Equal(drafter.Draft(Request()).Markdown, draft.Markdown);
        Assert.Equal(AiFailureReason.NotSupported, error.Reason);
        Assert.Equal("local-x", error.Instance);
    }
}
