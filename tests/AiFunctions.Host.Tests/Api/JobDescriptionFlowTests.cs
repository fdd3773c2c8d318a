using System.Net;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
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

        using (var revise = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new { decision = JobDescriptionReviewDecision.Revise, comments = new[] { "Mention on-call duties." } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, revise.StatusCode);
        }

        await WaitAsync(client, b => b.GetProperty("status").GetString() == "AwaitingReview" && b.GetProperty("round").GetInt32() == 2);
        using (var approve = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/jd-1/review", new { decision = JobDescriptionReviewDecision.Approve }))
        {
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        }

        var done = await WaitAsync(client, b => b.GetProperty("status").GetString() == "Approved");
        Assert.Equal(2, done.GetProperty("versions").GetArrayLength());
    }

    private static Task<JsonElement> WaitAsync(HttpClient client, Func<JsonElement, bool> condition) =>
        ApiPolling.WaitUntilAsync(client, "/api/job-descriptions/jd-1", condition, TimeSpan.FromSeconds(60), "job description jd-1");
}
