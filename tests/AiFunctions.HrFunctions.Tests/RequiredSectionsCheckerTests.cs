using AiFunctions.HrFunctions.Checks;

namespace AiFunctions.HrFunctions.Tests;

public sealed class RequiredSectionsCheckerTests
{
    private static readonly RequiredSectionsChecker Checker = new();

    [Fact]
    public void A_complete_draft_misses_nothing()
    {
        Assert.Empty(Checker.Check(JobDescriptionDraftFunctionTests.CompleteDraft()));
    }

    [Fact]
    public void Nice_to_haves_are_optional()
    {
        Assert.Empty(Checker.Check(JobDescriptionDraftFunctionTests.CompleteDraft() with { NiceToHaves = [] }));
    }

    [Fact]
    public void Every_blank_required_section_is_named()
    {
        var draft = JobDescriptionDraftFunctionTests.CompleteDraft() with
        {
            Summary = "",
            Responsibilities = ["  "],
            Requirements = [],
            Benefits = "\n",
            EqualOpportunityStatement = " ",
        };

        Assert.Equal(
            [RequiredSectionsChecker.Summary, RequiredSectionsChecker.Responsibilities, RequiredSectionsChecker.Requirements, RequiredSectionsChecker.Benefits, RequiredSectionsChecker.EqualOpportunityStatement],
            Checker.Check(draft));
    }
}
