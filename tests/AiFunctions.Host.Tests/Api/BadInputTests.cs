using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Api;

public sealed class BadInputTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task Malformed_json_is_400_with_its_position_and_without_echoing_the_body()
    {
        using var client = factory.CreateAuthorizedClient();
        using var content = new StringContent("{\"batchId\": \"b1\", \"tenant\": SECRET-RESUME-TEXT", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/screenings", UriKind.Relative), content);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        var detail = body.GetProperty("detail").GetString()!;
        Assert.Contains("line 1", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_problem_details()
    {
        using var client = factory.CreateAuthorizedClient();
        using var content = new StringContent("batchId=b1", Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(new Uri("/api/screenings", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_each_field()
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/screenings", UriKind.Relative), new
        {
            batchId = "missing-fields",
            candidates = new[] { new { candidateId = "c1", displayName = "Test Person", resumeText = "Wrote C# code." } },
        });
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains(errors, e => e.Contains("requisition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_batch_is_400()
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create("empty-batch", 0));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "empty-batch");
        Assert.Contains("at least one candidate", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_over_the_default_limit_is_413_stating_10000()
    {
        using var client = factory.CreateAuthorizedClient();
        var batch = Batches.Create("too-many", 0) with
        {
            Candidates = Enumerable.Range(1, 10_001).Select(i => new CandidateSubmission($"c{i}", "P", "x")).ToArray(),
        };
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "batch-too-large");
        Assert.Equal(10_000, body.GetProperty("limit").GetInt32());
        Assert.Contains("10000", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resume_over_the_default_limit_is_413_stating_the_limit()
    {
        using var client = factory.CreateAuthorizedClient();
        var batch = Batches.Create("big-resume", 2);
        batch = batch with { Candidates = [batch.Candidates[0], batch.Candidates[1] with { ResumeText = new string('a', 65_537) }] };
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "resume-too-large");
        Assert.Equal(65_536, body.GetProperty("limit").GetInt32());
        Assert.Equal(1, body.GetProperty("index").GetInt32());
        Assert.Contains("65536 characters", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/screenings/no-such-batch")]
    [InlineData("/api/screenings/no-such-batch/results")]
    [InlineData("/api/job-descriptions/no-such-jd")]
    public async Task Unknown_ids_are_404(string path)
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        Assert.Contains("no-such-", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_of_an_unknown_batch_is_404()
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings/no-such-batch/review", new { decision = ReviewDecision.Approve });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Review_without_a_decision_is_400_not_an_approval()
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/screenings/any/review", UriKind.Relative), new { comment = "no decision" });
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("decision", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_in_the_body_is_refused_naming_the_signed_in_reviewer()
    {
        using var client = factory.CreateClientFor("reviewer");
        using var response = await client.PostAsJsonAsync(new Uri("/api/screenings/any/review", UriKind.Relative), new { decision = "Approve", reviewer = "chief.hr.officer@contoso.example" });
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var detail = body.GetProperty("detail").GetString()!;
        Assert.Contains("reviewer is not accepted", detail, StringComparison.Ordinal);
        Assert.Contains("riley.reviewer@contoso.example", detail, StringComparison.Ordinal);
    }
}
