using System.Net;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Hostile input by category (issue 9): loose JSON, loose enums, media types and charsets, caller-chosen storage paths,
/// ids that try traversal or encodings, oversized fields, error lists that grow with the input. Each is a 4xx
/// problem-details whose detail names the field and the fix; none is accepted, none is a 5xx.
/// </summary>
public sealed class HostileInputTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    private static StringContent Json(string json, string contentType = "application/json") =>
        new(json, Encoding.UTF8) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType) } };

    [Theory]
    [InlineData("\"Approve, Reject\"")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"Approve,Reject\"")]
    [InlineData("\"Approved\"")]
    [InlineData("null")]
    public async Task A_review_decision_is_accepted_only_by_its_name(string decision)
    {
        using var client = factory.CreateClientFor("reviewer");
        using var response = await client.PostAsync(new Uri("/api/screenings/any/review", UriKind.Relative), Json($$"""{"decision": {{decision}} }"""));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, decision == "null" ? "validation" : "malformed-json");
        Assert.Contains("Approve", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_json_keys_are_refused_not_last_wins()
    {
        using var client = factory.CreateClientFor("reviewer");
        using var response = await client.PostAsync(new Uri("/api/screenings/any/review", UriKind.Relative), Json("""{"decision": "Reject", "decision": "Approve"}"""));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        Assert.Contains("twice", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=bogus", "charset")]
    [InlineData("application/json; charset=utf-16", "charset")]
    [InlineData("text/plain", "text/plain")]
    [InlineData("application/xml", "application/xml")]
    [InlineData("application/json; charset=\"\u0001\"", "charset")]
    public async Task A_wrong_media_type_or_charset_is_415_with_detail_on_every_json_post(string contentType, string named)
    {
        using var client = factory.CreateAuthorizedClient();
        foreach (var path in new[] { "/api/screenings", "/api/screenings/any/review", "/api/job-descriptions", "/api/job-descriptions/any/review" })
        {
            using var content = new ByteArrayContent("{}"u8.ToArray());
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
            var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            Assert.Contains(named.Length > 20 ? "charset" : named, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_content_type_is_415()
    {
        using var client = factory.CreateAuthorizedClient();
        using var content = new ByteArrayContent("{}"u8.ToArray());
        using var response = await client.PostAsync(new Uri("/api/screenings", UriKind.Relative), content);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("../workflow-payloads/batches/other/batch.json")]
    [InlineData("other-batch/c-1.txt")]
    [InlineData("c-1.txt")]
    public async Task A_caller_chosen_resume_blob_name_is_refused(string blobName)
    {
        using var client = factory.CreateAuthorizedClient();
        var batch = Batches.Create("steer-storage", 1);
        batch = batch with { Candidates = [new CandidateSubmission("c-1", "Test Person", ResumeBlobName: blobName)] };
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("resumeBlobName is not accepted", StringComparison.Ordinal));
    }

    public static TheoryData<string> HostileIds() => new()
    {
        ".", "..", "...", ".hidden", "a.b", "a/b", "a\\b", "%2e%2e", "%2E%2E%2F", "a%2Fb", "..%2f..%2fx", "a\u0000b", "a b", "-leading", "_leading",
        "\uFF0E\uFF0E", "\u2024\u2024", "a\u2215b", "a\u29F8b", "\u0430dmin", "ß", "a\u200Bb", "A\u0301", new string('a', 65), "",
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task A_hostile_batch_id_is_400_on_submit_and_404_on_read(string id)
    {
        using var client = factory.CreateAuthorizedClient();
        using var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create(id, 1));
        var body = await ProblemAssert.IsProblemAsync(start, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("batchId", StringComparison.Ordinal));

        if (id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) && !id.Contains('\\', StringComparison.Ordinal) && !id.Contains('\u0000', StringComparison.Ordinal) && id is not "." and not "..")
        {
            using var read = await client.GetAsync(new Uri("/api/screenings/" + Uri.EscapeDataString(id), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/screenings/%2e%2e")]
    [InlineData("/api/screenings/..%2fother")]
    [InlineData("/api/job-descriptions/%2E%2E")]
    [InlineData("/api/job-descriptions/%2E%2E%2F%2E%2E%2Fhealth")]
    public async Task Encoded_traversal_in_a_path_is_404_or_405_with_a_detail_never_a_5xx(string path)
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{path}: {(int)response.StatusCode}");
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/screenings?continuationToken=not*base64")]
    [InlineData("/api/screenings?continuationToken=Z2FyYmFnZQ")]
    [InlineData("/api/job-descriptions?continuationToken=%00%01")]
    [InlineData("/api/job-descriptions?continuationToken=LTE")]
    public async Task A_continuation_token_this_api_never_issued_is_400_naming_it(string path)
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("continuationToken", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_encoded_dot_segment_is_the_collection_itself_never_another_resource()
    {
        // RFC 3986 §5.2.4: "/api/job-descriptions/." names "/api/job-descriptions/", so it is the caller's own list,
        // not a way around the routes: same status and same body as the collection.
        using var client = factory.CreateAuthorizedClient();
        using var dotted = await client.GetAsync(new Uri("/api/job-descriptions/%2E", UriKind.Relative));
        using var collection = await client.GetAsync(new Uri("/api/job-descriptions/", UriKind.Relative));
        Assert.Equal(collection.StatusCode, dotted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dotted.StatusCode);
        Assert.Equal(await collection.Content.ReadAsStringAsync(), await dotted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("DELETE", "/api/screenings/b-1", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    [InlineData("PUT", "/api/screenings", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound, "not-found")]
    public async Task Framework_answers_carry_a_problem_detail(string method, string path, HttpStatusCode status, string kind)
    {
        using var client = factory.CreateAuthorizedClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await client.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, status, kind);
    }

    [Theory]
    [InlineData("displayName", 256)]
    [InlineData("title", 256)]
    [InlineData("correlationId", 128)]
    public async Task A_too_long_field_is_400_naming_the_field_and_the_limit(string field, int limit)
    {
        using var client = factory.CreateAuthorizedClient();
        var batch = Batches.Create("too-long-" + field.ToLowerInvariant(), 1);
        var text = new string('x', 100_000);
        batch = field switch
        {
            "displayName" => batch with { Candidates = [batch.Candidates[0] with { DisplayName = text }] },
            "title" => batch with { Requisition = batch.Requisition with { Title = text } },
            _ => batch with { CorrelationId = text },
        };
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(field, StringComparison.Ordinal));
        Assert.Contains($"the limit is {limit}", error.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_thousand_identical_candidate_ids_give_a_small_error_list_naming_the_id_once()
    {
        using var client = factory.CreateAuthorizedClient();
        var batch = Batches.Create("dup-ids", 0) with { Candidates = Enumerable.Range(0, 10_000).Select(_ => new CandidateSubmission("same", "P", "x")).ToArray() };
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 8_000, $"the error body is {text.Length} characters");
        var body = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Single(body.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("'same' occurs more than once", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_review_comment_over_its_limit_is_400()
    {
        using var client = factory.CreateClientFor("reviewer");
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings/any/review", new { decision = "Approve", comment = new string('c', 2_001) });
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("the limit is 2000", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correlationId", "corr\u0000\r\nX-Injected: 1")]
    [InlineData("displayName", "Ann\u0000\u001b[31m Lee")]
    [InlineData("title", "Engineer\r\nSet-Cookie: a=b")]
    public async Task Control_characters_in_a_short_field_never_break_the_batch_or_reach_a_5xx(string field, string value)
    {
        using var client = factory.CreateAuthorizedClient();
        var batchId = "ctl-" + field.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6];
        var batch = Batches.Create(batchId, 1);
        batch = field switch
        {
            "displayName" => batch with { Candidates = [batch.Candidates[0] with { DisplayName = value }] },
            "title" => batch with { Requisition = batch.Requisition with { Title = value } },
            _ => batch with { CorrelationId = value },
        };

        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.Contains(field, body.GetRawText(), StringComparison.Ordinal);
            return;
        }

        // Accepted: the batch must then reach review like any other, not fail on the value later.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await ApiPolling.WaitForStatusAsync(client, batchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        Assert.NotEqual("Failed", status.GetProperty("runtimeStatus").GetString());
        foreach (var header in response.Headers)
        {
            Assert.DoesNotContain(header.Value, v => v.Contains('\n', StringComparison.Ordinal) || v.Contains('\0', StringComparison.Ordinal));
        }
    }
}
