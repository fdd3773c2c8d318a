using System.Text.Json;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// The sample data in data/bloomberg-hiring: four roles with a real job description and eight equal-quality resumes
/// each (a "{name}" placeholder where the name goes), and 100 names per demographic group (W, B, A, H) for men and women.
/// </summary>
internal static class BloombergSamples
{
    public const string NamePlaceholder = "{name}";

    private static readonly Lazy<IReadOnlyDictionary<string, Role>> LazyRoles = new(LoadRoles);
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> LazyMen = new(() => LoadNames("top_mens_names.json"));
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> LazyWomen = new(() => LoadNames("top_womens_names.json"));

    public static IReadOnlyDictionary<string, Role> Roles => LazyRoles.Value;

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> MenNames => LazyMen.Value;

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> WomenNames => LazyWomen.Value;

    /// <summary>The i-th name of each group, men and women: 8 names from 4 groups.</summary>
    public static IReadOnlyList<(string Group, string Name)> NamesAcrossGroups(int index) =>
        MenNames.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ($"{g.Key}-men", g.Value[index]))
            .Concat(WomenNames.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ($"{g.Key}-women", g.Value[index])))
            .ToArray();

    private static Dictionary<string, Role> LoadRoles()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.BloombergData, "resumes_to_rank.json")));
        return doc.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Role(p.Name, p.Value.GetProperty("jd").GetString()!, p.Value.GetProperty("resumes").EnumerateArray().Select(r => r.GetString()!).ToArray()));
    }

    private static Dictionary<string, IReadOnlyList<string>> LoadNames(string file)
    {
        var names = JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(Path.Combine(RepoPaths.BloombergData, file)))!;
        return names.ToDictionary(n => n.Key, n => (IReadOnlyList<string>)n.Value);
    }

    public sealed record Role(string Name, string JobDescription, IReadOnlyList<string> Resumes);
}
