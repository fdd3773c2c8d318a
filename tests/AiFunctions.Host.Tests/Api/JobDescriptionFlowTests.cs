using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Host.Tests.Api;

public sealed class JobDescriptionFlowTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task Draft_revise_approve()
    {
        using var client = factory.CreateAuthorizedClient();
        var request = new JobDescriptionWorkflowRequest(
            "jd-1",
            "contoso",
            new JobDescriptionRequest("Software Engineer", "Platform", "Remote", "Full-time", ["Build and test services"], ["3+ years of C#"], ["Azure"]));
        using (var start = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions", request))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            Assert.Equal("/api/job-descriptions/jd-1", start.Headers.Location?.OriginalString);
        }

        await WaitAsync(client, b => b.GetProperty("status").GetString() == "AwaitingReview" && b.GetProperty("round").GetInt32() == 1);
        using (var early = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new { decision = JobDescriptionReviewDecision.Revise }))
        {
            await ProblemAssert.IsProblemAsync(early, HttpStatusCode.BadRequest, "validation");
        }

        // A body that names a reviewer is refused: the reviewer is the signed-in caller.
        using (var named = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new { decision = JobDescriptionReviewDecision.Approve, reviewer = "Someone Else", version = 1 }))
        {
            var problem = await ProblemAssert.IsProblemAsync(named, HttpStatusCode.BadRequest, "validation");
            Assert.Contains("reviewer is not accepted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var unversioned = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new JobDescriptionReviewRequest(JobDescriptionReviewDecision.Approve, null)))
        {
            var problem = await ProblemAssert.IsProblemAsync(unversioned, HttpStatusCode.BadRequest, "validation");
            Assert.Contains("version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var revise = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new JobDescriptionReviewRequest(JobDescriptionReviewDecision.Revise, 1, ["Mention on-call duties."])))
        {
            Assert.Equal(HttpStatusCode.Accepted, revise.StatusCode);
            var accepted = await revise.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("Drafting", 1, 1), (accepted.GetProperty("outcome").GetString(), accepted.GetProperty("version").GetInt32(), accepted.GetProperty("round").GetInt32()));
            Assert.False(string.IsNullOrEmpty(accepted.GetProperty("reviewer").GetString()));
        }

        var second = await WaitAsync(client, b => b.GetProperty("status").GetString() == "AwaitingReview" && b.GetProperty("round").GetInt32() == 2);
        Assert.Equal(2, second.GetProperty("currentVersion").GetInt32());

        // A decision on the version the reviewer read before the revision is stale: 409 naming the current version.
        using (var stale = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new JobDescriptionReviewRequest(JobDescriptionReviewDecision.Approve, 1)))
        {
            var problem = await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "stale-version");
            Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
            Assert.Contains("current version is 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var approve = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new JobDescriptionReviewRequest(JobDescriptionReviewDecision.Approve, 2)))
        {
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        }

        var done = await WaitAsync(client, b => b.GetProperty("status").GetString() == "Approved");
        Assert.Equal(2, done.GetProperty("versions").GetArrayLength());
        Assert.Equal(2, done.GetProperty("approvedVersion").GetInt32());
        Assert.Equal("Mention on-call duties.", done.GetProperty("versions")[0].GetProperty("review").GetProperty("comments")[0].GetString());

        // The status the API reports followed the workflow to its end: a second review of the decided version is refused
        // naming who decided it and the end it reached, not "awaiting review".
        using var again = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new JobDescriptionReviewRequest(JobDescriptionReviewDecision.Approve, 2));
        var ended = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "already-reviewed");
        Assert.Equal(("Approve", "Approved"), (ended.GetProperty("decision").GetString(), ended.GetProperty("currentStatus").GetString()));
        Assert.Contains("Its status is now Approved", ended.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<JsonElement> WaitAsync(HttpClient client, Func<JsonElement, bool> condition) =>
        ApiPolling.WaitUntilAsync(client, "/api/job-descriptions/jd-1", condition, TimeSpan.FromSeconds(60), "job description jd-1");
}
