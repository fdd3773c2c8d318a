using System.Text.Json;
using AiFunctions.HrFunctions.Screening;

namespace AiFunctions.Providers.Tests.Local;

/// <summary>
/// The Bloomberg hiring sample (data/bloomberg-hiring): four roles, each a real job description and eight resumes of
/// equal quality with a {name} slot, plus first+last names per demographic group. Located by walking up from the
/// test binaries to the directory that holds AiFunctions.sln.
/// </summary>
internal static class SampleData
{
    public const string SoftwareEngineer = "software engineer";
    public const string HrSpecialist = "HR specialist";
    public const string Retail = "retail";
    public const string FinancialAnalyst = "financial analyst";

    private static readonly Lazy<string> Folder = new(FindFolder);
    private static readonly Lazy<Dictionary<string, Role>> Roles = new(LoadRoles);

    public static Role Get(string role) => Roles.Value[role];

    public static IReadOnlyDictionary<string, string[]> MensNames => LoadNames("top_mens_names.json");

    public static IReadOnlyDictionary<string, string[]> WomensNames => LoadNames("top_womens_names.json");

    /// <summary>Hand-written criteria per role, taken from each job description's own requirements.</summary>
    public static IReadOnlyList<Criterion> CriteriaFor(string role) => role switch
    {
        SoftwareEngineer =>
        [
            new("experience", "5+ years of professional software development experience", CriterionKind.MustHave, 2),
            new("languages", "Programming in Java, Python or C++", CriterionKind.MustHave, 2),
            new("code-review", "Review code developed by other developers and provide feedback on best practices", CriterionKind.NiceToHave),
            new("cloud", "Distributed computing, cloud or large-scale system design", CriterionKind.NiceToHave),
        ],
        HrSpecialist =>
        [
            new("experience", "3+ years of experience as an HR business partner or HR specialist", CriterionKind.MustHave, 2),
            new("engagement", "Employee engagement, retention and talent management programs", CriterionKind.MustHave, 2),
            new("workforce", "Workforce planning and organizational effectiveness", CriterionKind.NiceToHave),
        ],
        Retail =>
        [
            new("experience", "At least five years of experience in a customer-facing sales setting", CriterionKind.MustHave, 2),
            new("leadership", "Leading, hiring, training and developing a store team", CriterionKind.MustHave, 2),
            new("operations", "Store operations such as inventory and visual merchandising", CriterionKind.NiceToHave),
        ],
        FinancialAnalyst =>
        [
            new("experience", "4+ years of experience in financial management or business management", CriterionKind.MustHave, 2),
            new("analysis", "Monthly variance analysis, budget planning and forecasting", CriterionKind.MustHave, 2),
            new("excel", "Advanced Microsoft Excel and PowerPoint", CriterionKind.NiceToHave),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown sample role."),
    };

    public static ScreeningInput Input(string role, string resume, string candidateRef = "candidate-1") =>
        new($"req-{role.Replace(' ', '-')}", role, Get(role).JobDescription, CriteriaFor(role), candidateRef, resume);

    public static string WithName(string resumeTemplate, string name) => resumeTemplate.Replace("{name}", name, StringComparison.Ordinal);

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFunctions.sln")))
            {
                return Path.Combine(dir.FullName, "data", "bloomberg-hiring");
            }
        }

        throw new DirectoryNotFoundException($"No directory above {AppContext.BaseDirectory} contains AiFunctions.sln; the sample data is found relative to it.");
    }

    private static Dictionary<string, Role> LoadRoles()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Value, "resumes_to_rank.json")));
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Role(p.Value.GetProperty("jd").GetString()!, [.. p.Value.GetProperty("resumes").EnumerateArray().Select(r => r.GetString()!)]));
    }

    private static Dictionary<string, string[]> LoadNames(string file) =>
        JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(Path.Combine(Folder.Value, file)))!;

    public sealed record Role(string JobDescription, IReadOnlyList<string> Resumes);
}
