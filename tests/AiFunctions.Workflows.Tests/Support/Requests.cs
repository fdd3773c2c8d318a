using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>Builders for test requests.</summary>
internal static class Requests
{
    public static RequisitionSpec Requisition(string id = "req-1") => new(
        id,
        "Backend Engineer",
        "We build HR software in C# and Python.",
        [
            new Criterion("csharp", "C#", CriterionKind.MustHave, 2),
            new Criterion("python", "Python", CriterionKind.NiceToHave),
            new Criterion("kafka", "Kafka", CriterionKind.NiceToHave),
        ]);

    /// <summary>A candidate whose resume mentions <paramref name="skills"/>.</summary>
    public static CandidateSubmission Candidate(string id, string name, params string[] skills) =>
        new(id, name, $"{name}\n{name.Replace(' ', '.').ToLowerInvariant()}@example.com\nExperience with {string.Join(", ", skills)}.\nCandidate {id}.");

    public static ScreeningBatchRequest Batch(string batchId, IReadOnlyList<CandidateSubmission> candidates, ReviewPolicy? policy = null, ScreeningConcurrency? concurrency = null) =>
        new(batchId, "contoso", Requisition(), candidates, policy ?? new ReviewPolicy { ShortlistSize = 3, ReviewTimeout = TimeSpan.FromMinutes(10) }, Concurrency: concurrency);
}
