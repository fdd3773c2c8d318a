using AiFunctions.HrFunctions.Screening;

namespace AiFunctions.ScreeningJob.Sample;

/// <summary>
/// Derives screening criteria from a plain-text job description: the item lines under a heading such as
/// "Responsibilities", "Requirements" or "Qualifications" become criteria, the first <c>mustHaves</c> of them (one by default: the core duty, so a batch of equal-quality resumes is not all gated out)
/// must-haves and the rest nice-to-haves. Without such a heading, the description's sentences are used.
/// </summary>
public static class CriteriaDeriver
{
    private static readonly string[] Headings = ["responsibilities", "requirements", "qualifications", "minimum qualifications", "preferred qualifications", "what you'll do", "what you will do"];

    public static IReadOnlyList<Criterion> Derive(string jobDescription, int mustHaves = 1, int max = 6)
    {
        ArgumentNullException.ThrowIfNull(jobDescription);
        var lines = jobDescription.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var items = new List<string>();
        var inSection = false;
        foreach (var line in lines)
        {
            var bare = line.TrimStart('-', '*', '•', ' ').TrimEnd(':').Trim();
            if (Headings.Contains(bare, StringComparer.OrdinalIgnoreCase))
            {
                inSection = true;
                continue;
            }

            if (inSection && bare.Length > 10)
            {
                items.Add(bare);
            }
        }

        if (items.Count == 0)
        {
            items.AddRange(jobDescription.Split(['.', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(s => s.Length > 30));
        }

        return items
            .Take(max)
            .Select((text, i) => new Criterion(
                i < mustHaves ? $"must-{i + 1}" : $"nice-{i - mustHaves + 1}",
                text.TrimEnd('.'),
                i < mustHaves ? CriterionKind.MustHave : CriterionKind.NiceToHave,
                i < mustHaves ? 2.0 : 1.0))
            .ToArray();
    }
}
