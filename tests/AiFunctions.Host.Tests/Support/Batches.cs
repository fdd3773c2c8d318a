using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Support;

/// <summary>Small, realistic screening batches for API tests (no real person's data).</summary>
public static class Batches
{
    public static readonly IReadOnlyList<Criterion> Criteria =
    [
        new("must-1", "Professional experience writing and testing production code in C# or Java", CriterionKind.MustHave, 2),
        new("nice-1", "Experience reviewing code and mentoring other developers", CriterionKind.NiceToHave),
    ];

    public static string Resume(int i) =>
        $"""
        **Candidate {i}**

        **Experience**
        - Senior Software Engineer at Fabrikam (2016 - present): wrote and tested production services in C# and Java.
        - Reviewed code and mentored {i % 5 + 1} junior developers; led design reviews with stakeholders.
        - Software Developer at Contoso (2010 - 2016): built and tested web applications in Java.

        **Skills**: C#, Java, SQL, distributed systems, code review.
        """;

    public static ScreeningBatchRequest Create(string batchId, int candidates, ReviewPolicy? policy = null, ScreeningConcurrency? concurrency = null) =>
        new(
            batchId,
            "contoso",
            new RequisitionSpec("req-42", "Software Engineer", "We build distributed services in C# and Java. You write, test and review production code.", Criteria),
            Enumerable.Range(1, candidates).Select(i => new CandidateSubmission($"cand-{i:D4}", $"Test Person {i}", Resume(i))).ToArray(),
            policy ?? new ReviewPolicy { ShortlistSize = 3 },
            Concurrency: concurrency);
}
