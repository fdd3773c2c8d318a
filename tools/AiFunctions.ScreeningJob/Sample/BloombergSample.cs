using System.Globalization;
using System.Text.Json;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.ScreeningJob.Sample;

/// <summary>
/// A screening batch built from data/bloomberg-hiring (Bloomberg, Apache-2.0): one role's real job description, the
/// criteria derived from it, and its eight equal-quality resumes, each filled with several names from the four
/// demographic groups of the name lists (so a name-blind pipeline must give every copy of a resume the same score).
/// </summary>
public static class BloombergSample
{
    private static readonly string[] Groups = ["W", "B", "A", "H"];

    private static readonly Dictionary<string, string> RaceEthnicity = new(StringComparer.Ordinal)
    {
        ["W"] = "White",
        ["B"] = "Black or African American",
        ["A"] = "Asian",
        ["H"] = "Hispanic or Latino",
    };

    public static string DataFolder(string repoRoot) => Path.Combine(repoRoot, "data", "bloomberg-hiring");

    public static IReadOnlyList<string> Roles(string repoRoot) => Load(repoRoot).Keys.ToArray();

    public static ScreeningBatchRequest Build(string repoRoot, string role, string batchId, int namesPerResume, ReviewPolicy policy)
    {
        var roles = Load(repoRoot);
        if (!roles.TryGetValue(role, out var entry))
        {
            throw new ArgumentException($"Role '{role}' is not in the sample. Use one of: {string.Join(", ", roles.Keys.Select(r => $"\"{r}\""))}.", nameof(role));
        }

        var men = LoadNames(repoRoot, "top_mens_names.json");
        var women = LoadNames(repoRoot, "top_womens_names.json");
        var candidates = new List<CandidateSubmission>();
        for (var r = 0; r < entry.Resumes.Count; r++)
        {
            for (var n = 0; n < namesPerResume; n++)
            {
                var group = Groups[n % Groups.Length];
                var list = (r + n) % 2 == 0 ? men[group] : women[group];
                var name = TitleCase(list[(r * namesPerResume + n) % list.Count]);
                var id = string.Create(CultureInfo.InvariantCulture, $"r{r + 1}-{group.ToLowerInvariant()}{n + 1}");
                // The name lists' groups stand in for voluntary self-identification, so the bias audit has categories to report.
                var categories = new AiFunctions.Workflows.Fairness.SelfIdentifiedCategories((r + n) % 2 == 0 ? "Male" : "Female", RaceEthnicity[group]);
                candidates.Add(new CandidateSubmission(id, name, entry.Resumes[r].Replace("{name}", name, StringComparison.Ordinal), SelfIdentified: categories));
            }
        }

        var slug = new string(role.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        var requisition = new RequisitionSpec($"bloomberg-{slug}", TitleCase(role), entry.Jd, Sample.CriteriaDeriver.Derive(entry.Jd, mustHaves: 1));
        return new ScreeningBatchRequest(batchId, "demo", requisition, candidates, policy);
    }

    private static Dictionary<string, RoleEntry> Load(string repoRoot)
    {
        var path = Path.Combine(DataFolder(repoRoot), "resumes_to_rank.json");
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, RoleEntry>>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path} holds no roles.");
    }

    private static Dictionary<string, List<string>> LoadNames(string repoRoot, string file)
    {
        var path = Path.Combine(DataFolder(repoRoot), file);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(stream)
            ?? throw new InvalidDataException($"{path} holds no names.");
    }

    private static string TitleCase(string value) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value.ToLowerInvariant());

    private sealed record RoleEntry(string Jd, List<string> Resumes);
}
