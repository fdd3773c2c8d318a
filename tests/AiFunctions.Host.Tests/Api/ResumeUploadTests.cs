using System.Net;
using System.Net.Http.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Tests.Api;

/// <summary>Resumes by upload: the service issues the id, a batch references it, and only the uploading tenant can.</summary>
public sealed class ResumeUploadTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task An_uploaded_resume_is_screened_when_a_batch_references_its_id()
    {
        using var client = factory.CreateClientFor("submitter");
        var uploadId = await UploadAsync(client, Batches.Resume(7));
        Assert.Matches("^up-[a-z2-7]{26}$", uploadId);

        var batch = new
        {
            batchId = "by-upload",
            requisition = Batches.Create("x", 0).Requisition,
            candidates = new object[] { new { candidateId = "c-1", displayName = "Test Person", resumeUploadId = uploadId } },
        };
        using (var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        await ApiPolling.WaitForStatusAsync(client, "by-upload", "AwaitingReview", TimeSpan.FromSeconds(60));
        var results = await ApiPolling.GetJsonAsync(client, "/api/screenings/by-upload/results");
        var result = Assert.Single(results.GetProperty("results").EnumerateArray());
        Assert.Equal("Screened", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_tenants_upload_id_and_made_up_ids_are_refused()
    {
        using var other = factory.CreateClientFor("other");
        var theirs = await UploadAsync(other, Batches.Resume(3));
        using var client = factory.CreateClientFor("submitter");
        string[] ids = [theirs, "up-aaaaaaaaaaaaaaaaaaaaaaaaaa", "../" + theirs, "up-x"];
        foreach (var id in ids)
        {
            var batch = new
            {
                batchId = "steal-upload",
                requisition = Batches.Create("x", 0).Requisition,
                candidates = new object[] { new { candidateId = "c-1", displayName = "Test Person", resumeUploadId = id } },
            };
            using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
            var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("candidates[0].resumeUploadId", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("up-mine")]
    [InlineData("UP-mine")]
    public async Task Ids_with_the_issued_prefix_cannot_be_chosen(string id)
    {
        using var client = factory.CreateClientFor("submitter");
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create(id, 1));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("batchId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_naming_it_and_an_empty_one_400()
    {
        using var client = factory.CreateClientFor("submitter");
        using (var big = await client.PostAsJsonAsync(new Uri("/api/resumes", UriKind.Relative), new ResumeUploadRequest(new string('r', 1024 * 1024 + 1))))
        {
            var body = await ProblemAssert.IsProblemAsync(big, HttpStatusCode.RequestEntityTooLarge, "resume-too-large");
            Assert.Equal(1024 * 1024, body.GetProperty("limit").GetInt32());
        }

        using var empty = await client.PostAsJsonAsync(new Uri("/api/resumes", UriKind.Relative), new ResumeUploadRequest(" "));
        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest, "validation");
    }

    private static async Task<string> UploadAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/resumes", UriKind.Relative), new ResumeUploadRequest(text));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ResumeUploadResponse>(ApiJson.Options))!.UploadId;
    }
}
