using System.Text;
using System.Text.RegularExpressions;
using AiFunctions.HrFunctions;
using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;

namespace AiFunctions.Providers.Local.Drafting;

/// <summary>
/// The Local plugin's native <c>hr.draft-job-description</c>: a template, not a generative model. It fills every
/// required section from the request, rewrites gender-coded and exclusionary terms with
/// <see cref="InclusiveLanguageChecker.Rewrite"/>, and always adds the equal-opportunity statement.
/// On a revision round it starts from the previous draft and applies each reviewer comment it understands:
/// <list type="bullet">
/// <item><c>replace "X" with "Y"</c> (or <c>change "X" to "Y"</c>): replaced everywhere (case-sensitive);</item>
/// <item><c>remove "X"</c> (or <c>delete "X"</c>): list items containing X are dropped, other occurrences cut out;</item>
/// <item><c>add responsibility: …</c>, <c>add requirement: …</c>, <c>add nice-to-have: …</c>, <c>add benefit: …</c>.</item>
/// </list>
/// Other comments are not guessed at: the draft's "Editor notes" list says which comments were applied and which need
/// a human editor. The result is deterministic.
/// </summary>
public sealed partial class LocalJobDescriptionDrafter(string instance = LocalProviderPlugin.PluginId) : INativeAiFunction<JobDescriptionRequest, JobDescriptionDraft>
{
    public const string TemplateNote = "Drafted from a template by the offline Local provider (hr-rules-v1), not by a generative model. Review before publishing.";

    public const string EqualOpportunity =
        "We are an equal opportunity employer. We welcome applications from everyone and do not discriminate on the basis of " +
        "race, colour, religion, sex, sexual orientation, gender identity or expression, national origin, age, disability, " +
        "veteran status or any other characteristic protected by law. If you need an adjustment or accommodation at any stage " +
        "of the hiring process, let us know and we will provide it.";

    private readonly InclusiveLanguageChecker _inclusive = new();

    public string FunctionName => HrFunctionNames.DraftJobDescription;

    public Task<JobDescriptionDraft> InvokeAsync(JobDescriptionRequest input, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        LocalModels.EnsureRulesModel(FunctionName, model, instance, "drafting");

        return Task.FromResult(Draft(input));
    }

    public JobDescriptionDraft Draft(JobDescriptionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sections = input.PreviousDraft is { } previous ? Sections.From(previous) : Sections.From(input);
        var notes = new List<string>();
        var comments = input.PreviousDraft is null ? [] : input.RevisionComments ?? [];
        for (var i = 0; i < comments.Count; i++)
        {
            notes.Add($"Comment {i + 1}: {Apply(comments[i], sections)}");
        }

        sections.Rewrite(_inclusive.Rewrite);
        return sections.ToDraft(input, notes);
    }

    private static string Apply(string comment, Sections sections)
    {
        if (ReplaceComment().Match(comment) is { Success: true } replace)
        {
            var count = sections.Replace(replace.Groups["from"].Value, replace.Groups["to"].Value);
            return count > 0 ? $"applied ({count} replacement(s))." : "not applied: the text to replace does not occur in the draft.";
        }

        if (RemoveComment().Match(comment) is { Success: true } remove)
        {
            var count = sections.Remove(remove.Groups["text"].Value);
            return count > 0 ? $"applied ({count} removal(s))." : "not applied: the text to remove does not occur in the draft.";
        }

        if (AddComment().Match(comment) is { Success: true } add)
        {
            var item = add.Groups["item"].Value.Trim();
            var list = add.Groups["kind"].Value.ToLowerInvariant() switch
            {
                var k when k.StartsWith("resp", StringComparison.Ordinal) => sections.Responsibilities,
                var k when k.StartsWith("req", StringComparison.Ordinal) => sections.Requirements,
                var k when k.StartsWith("nice", StringComparison.Ordinal) => sections.NiceToHaves,
                _ => null,
            };
            if (list is null)
            {
                sections.Benefits = $"{sections.Benefits} {item}".Trim();
            }
            else
            {
                list.Add(item);
            }

            return "applied (item added).";
        }

        return "needs a human editor: the template drafter applies only 'replace \"X\" with \"Y\"', 'remove \"X\"' and " +
               "'add responsibility/requirement/nice-to-have/benefit: …' comments.";
    }

    [GeneratedRegex("""^\s*(?:replace|change)\s+["“](?<from>[^"”]+)["”]\s+(?:with|to|by)\s+["“](?<to>[^"”]*)["”]""", RegexOptions.IgnoreCase)]
    private static partial Regex ReplaceComment();

    [GeneratedRegex("""^\s*(?:remove|delete|drop)\s+["“](?<text>[^"”]+)["”]""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoveComment();

    [GeneratedRegex(@"^\s*add\s+(?:an?\s+)?(?<kind>responsibilit(?:y|ies)|requirements?|nice[- ]to[- ]haves?|benefits?)\s*:\s*(?<item>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AddComment();

    /// <summary>The editable sections of a draft.</summary>
    private sealed class Sections
    {
        public string Title { get; set; } = string.Empty;
        public string Summary { get; set; } = string.Empty;
        public List<string> Responsibilities { get; private set; } = [];
        public List<string> Requirements { get; private set; } = [];
        public List<string> NiceToHaves { get; private set; } = [];
        public string Benefits { get; set; } = string.Empty;

        public static Sections From(JobDescriptionDraft draft) => new()
        {
            Title = draft.Title,
            Summary = draft.Summary,
            Responsibilities = [.. draft.Responsibilities],
            Requirements = [.. draft.Requirements],
            NiceToHaves = [.. draft.NiceToHaves],
            Benefits = draft.Benefits,
        };

        public static Sections From(JobDescriptionRequest request)
        {
            var place = string.IsNullOrWhiteSpace(request.Location) ? string.Empty : $" in {request.Location.Trim()}";
            var type = string.IsNullOrWhiteSpace(request.EmploymentType) ? string.Empty : $" ({request.EmploymentType.Trim()})";
            var team = string.IsNullOrWhiteSpace(request.Department) ? "our team" : $"our {request.Department.Trim()} team";
            var pay = string.IsNullOrWhiteSpace(request.SalaryRange) ? string.Empty : $"Salary range: {request.SalaryRange.Trim()}. ";
            return new Sections
            {
                Title = request.Title.Trim(),
                Summary = $"We are looking for a {request.Title.Trim()} to join {team}{place}{type}. " +
                          "Below is what you will do and what you need to succeed; apply even if you do not meet every nice-to-have.",
                Responsibilities = OrPlaceholder(request.Responsibilities, "[Hiring manager: add the main responsibilities.]"),
                Requirements = OrPlaceholder(request.Requirements, "[Hiring manager: add the essential requirements.]"),
                NiceToHaves = [.. Clean(request.NiceToHaves)],
                Benefits = pay + "The full benefits package for this role is shared by the recruiter at the first conversation. " +
                           "Flexible working arrangements are considered for every role.",
            };
        }

        public void Rewrite(Func<string, string> rewrite)
        {
            Title = rewrite(Title);
            Summary = rewrite(Summary);
            Benefits = rewrite(Benefits);
            Responsibilities = [.. Responsibilities.Select(rewrite)];
            Requirements = [.. Requirements.Select(rewrite)];
            NiceToHaves = [.. NiceToHaves.Select(rewrite)];
        }

        public int Replace(string from, string to)
        {
            var count = 0;
            Rewrite(text =>
            {
                var index = 0;
                while ((index = text.IndexOf(from, index, StringComparison.Ordinal)) >= 0)
                {
                    count++;
                    index += from.Length;
                }

                return text.Replace(from, to, StringComparison.Ordinal);
            });
            return count;
        }

        public int Remove(string text)
        {
            var removed = Responsibilities.RemoveAll(i => i.Contains(text, StringComparison.OrdinalIgnoreCase))
                          + Requirements.RemoveAll(i => i.Contains(text, StringComparison.OrdinalIgnoreCase))
                          + NiceToHaves.RemoveAll(i => i.Contains(text, StringComparison.OrdinalIgnoreCase));
            return removed + Replace(text, string.Empty);
        }

        public JobDescriptionDraft ToDraft(JobDescriptionRequest request, List<string> notes)
        {
            var responsibilities = Responsibilities.Count > 0 ? Responsibilities : ["[Hiring manager: add the main responsibilities.]"];
            var requirements = Requirements.Count > 0 ? Requirements : ["[Hiring manager: add the essential requirements.]"];
            var markdown = new StringBuilder();
            markdown.Append("# ").AppendLine(Title).AppendLine();
            if (!string.IsNullOrWhiteSpace(request.Department) || !string.IsNullOrWhiteSpace(request.Location))
            {
                markdown.AppendLine(string.Join(" · ", new[] { request.Department, request.Location, request.EmploymentType }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()))).AppendLine();
            }

            markdown.AppendLine("## About the role").AppendLine().AppendLine(Summary).AppendLine();
            AppendList(markdown, "What you will do", responsibilities);
            AppendList(markdown, "What you need", requirements);
            if (NiceToHaves.Count > 0)
            {
                AppendList(markdown, "Nice to have", NiceToHaves);
            }

            markdown.AppendLine("## What we offer").AppendLine().AppendLine(Benefits).AppendLine();
            markdown.AppendLine("## Equal opportunity").AppendLine().AppendLine(EqualOpportunity).AppendLine();
            if (notes.Count > 0)
            {
                AppendList(markdown, "Editor notes (remove before publishing)", notes);
            }

            markdown.Append('_').Append(TemplateNote).AppendLine("_");
            return new JobDescriptionDraft(Title, Summary, responsibilities, requirements, [.. NiceToHaves], Benefits, EqualOpportunity, markdown.ToString());
        }

        private static void AppendList(StringBuilder markdown, string heading, IEnumerable<string> items)
        {
            markdown.Append("## ").AppendLine(heading).AppendLine();
            foreach (var item in items)
            {
                markdown.Append("- ").AppendLine(item);
            }

            markdown.AppendLine();
        }

        private static List<string> OrPlaceholder(IReadOnlyList<string> items, string placeholder)
        {
            var list = Clean(items).ToList();
            return list.Count > 0 ? list : [placeholder];
        }

        private static IEnumerable<string> Clean(IReadOnlyList<string>? items) =>
            (items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim());
    }
}
