using System.Text;
using AiFunctions.HrFunctions.Checks;
using AiFunctions.Kernel.Functions;
using Microsoft.Extensions.AI;

namespace AiFunctions.HrFunctions.Drafting;

/// <summary>
/// Drafts a job description in sections (summary, responsibilities, requirements, nice-to-haves, benefits, equal
/// opportunity statement) in inclusive language. On a revision round the prompt carries the previous draft and the
/// reviewer's comments and asks for every comment to be applied. <see cref="Validate"/> requires the sections.
/// </summary>
public sealed class JobDescriptionDraftFunction(RequiredSectionsChecker sections) : AiFunction<JobDescriptionRequest, JobDescriptionDraft>
{
    public const string PromptVersion = "2026-11-27.1";

    public JobDescriptionDraftFunction()
        : this(new RequiredSectionsChecker())
    {
    }

    public override string Name => HrFunctionNames.DraftJobDescription;

    public override string Version => PromptVersion;

    public override string Route => HrRoutes.Drafting;

    public override IList<ChatMessage> BuildPrompt(JobDescriptionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return
        [
            new ChatMessage(ChatRole.System, SystemPrompt),
            new ChatMessage(ChatRole.User, UserPrompt(input)),
        ];
    }

    public override IReadOnlyList<string> Validate(JobDescriptionRequest input, JobDescriptionDraft output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var violations = new List<string>();
        if (string.IsNullOrWhiteSpace(output.Title))
        {
            violations.Add("title is empty. Give the job title.");
        }

        violations.AddRange(sections.Check(output).Select(s => $"Section '{s}' ({JsonName(s)}) is empty. Write it; every job description needs it."));
        if (string.IsNullOrWhiteSpace(output.Markdown))
        {
            violations.Add("markdown is empty. Render the whole draft (all sections, with headings) as Markdown.");
        }

        return violations;
    }

    private const string SystemPrompt =
        """
        You write job descriptions for an HR team. Produce a clear, accurate, inclusive job description from the
        hiring manager's request, in these fields: "title", "summary", "responsibilities", "requirements",
        "niceToHaves", "benefits", "equalOpportunityStatement", and "markdown" (the whole draft rendered with headings).

        Rules:
        1. Use only facts from the request; do not invent salary, benefits or requirements that are not implied.
        2. Use inclusive, gender-neutral language: "you" or "they", never he/she/his; no coded or exclusionary terms
           (rockstar, ninja, guru, manpower, chairman, young, energetic, digital native, aggressive, dominant,
           "culture fit", native English speaker). Ask for skills and outcomes, not personality or age proxies.
        3. Keep requirements to what the job truly needs; move the rest to "niceToHaves".
        4. Always include an equal-opportunity statement.
        5. On a revision round you get the previous draft and reviewer comments: apply every comment, keep what the
           comments do not touch.
        6. Output only the JSON object of the requested schema.
        """;

    private static string UserPrompt(JobDescriptionRequest input)
    {
        var text = new StringBuilder();
        text.Append("Title: ").AppendLine(input.Title)
            .Append("Department: ").AppendLine(input.Department)
            .Append("Location: ").AppendLine(input.Location)
            .Append("Employment type: ").AppendLine(input.EmploymentType);
        if (!string.IsNullOrWhiteSpace(input.SalaryRange))
        {
            text.Append("Salary range: ").AppendLine(input.SalaryRange);
        }

        AppendList(text, "Responsibilities", input.Responsibilities);
        AppendList(text, "Requirements", input.Requirements);
        AppendList(text, "Nice to have", input.NiceToHaves);

        if (input.PreviousDraft is { } previous)
        {
            text.AppendLine().AppendLine("This is a revision round. Previous draft:").AppendLine("<<<PREVIOUS-DRAFT>>>")
                .AppendLine(previous.Markdown).AppendLine("<<<END-PREVIOUS-DRAFT>>>");
            AppendList(text, "Reviewer comments to apply (all of them)", input.RevisionComments ?? []);
        }

        return text.ToString();
    }

    private static string JsonName(string section) => char.ToLowerInvariant(section[0]) + section[1..];

    private static void AppendList(StringBuilder text, string heading, IReadOnlyList<string> items)
    {
        text.AppendLine().Append(heading).AppendLine(":");
        foreach (var item in items)
        {
            text.Append("- ").AppendLine(item);
        }
    }
}
