using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// A newcomer follows one event from the webhook to its outbound event with the documented requests only (README
/// "Follow an event"): POST /api/events → the answer names the instance it started → GET /api/events/inbound by source
/// and id → GET /api/screenings/{batchId} → GET /api/events/outbound?about=screening/{batchId}; and lists of batches
/// filter and page.
/// </summary>
public sealed class FollowAnEventTests(DirectEventsHostFactory factory) : IClassFixture<DirectEventsHostFactory>
{
    private const string Source = "/ats/workday";

    private static async Task<JsonElement> PostEventAsync(HttpClient client, string id, string type, string data)
    {
        var body = $$"""{"specversion":"1.0","id":"{{id}}","source":"{{Source}}","type":"{{type}}","tenantid":"{{InMemoryHostFactory.Tenant}}","datacontenttype":"application/json","data":{{data}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/events", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json") };
        request.Headers.Add("X-Events-Key", DirectEventsHostFactory.EventsKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task From_the_webhook_to_the_outbound_event()
    {
        using var client = factory.CreateAuthorizedClient();
        await PostEventAsync(client, "req-open-1", "hr.requisition.opened", """
            {"requisitionId":"req-follow","title":"Software Engineer","jobDescription":"We build services in C# and Java.","criteria":[{"id":"code","text":"Writing and testing production code in C# or Java","kind":"MustHave"}],"openedAt":"2026-11-30T09:00:00Z"}
            """);

        var answer = await PostEventAsync(client, "application-1", "hr.candidate.applied", """
            {"applicationId":"a-1","requisitionId":"req-follow","candidateId":"c-1","displayName":"Test Person","resumeText":"Senior engineer: wrote and tested production services in C# and Java for eight years.","appliedAt":"2026-11-30T09:05:00Z"}
            """);
        var receipt = Assert.Single(answer.GetProperty("events").EnumerateArray().ToList());
        Assert.Equal(("application-1", Source, "Handled"), (receipt.GetProperty("id").GetString(), receipt.GetProperty("source").GetString(), receipt.GetProperty("disposition").GetString()));
        var instanceId = receipt.GetProperty("instanceId").GetString()!;
        // The batch lives in the event's tenant (tenantid): its instance id is the scoped key, the caller's id follows the tenant.
        Assert.StartsWith($"screening-{InMemoryHostFactory.Tenant}.app-", instanceId, StringComparison.Ordinal);
        var batchId = instanceId[$"screening-{InMemoryHostFactory.Tenant}.".Length..];

        var outcome = await ApiPolling.GetJsonAsync(client, $"/api/events/inbound?source={Uri.EscapeDataString(Source)}&id=application-1");
        Assert.Equal(("Handled", instanceId), (outcome.GetProperty("disposition").GetString(), outcome.GetProperty("instanceId").GetString()));

        await ApiPolling.WaitForStatusAsync(client, batchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        // Outbound events name the batch by the id its tenant's callers use (the tenant is the event's tenantid).
        var outbound = await ApiPolling.WaitUntilAsync(client, $"/api/events/outbound?about=screening/{batchId}",
            b => b.GetProperty("events").GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the review-required event");
        var published = outbound.GetProperty("events")[0];
        Assert.Equal("ai.screening.review-required", published.GetProperty("type").GetString());
        Assert.Equal(batchId, published.GetProperty("data").GetProperty("batchId").GetString());
        Assert.Equal(InMemoryHostFactory.Tenant, published.GetProperty("tenant").GetString());

        // Another tenant follows none of it: the inbound outcome is 404 as for an unknown event, the outbound list empty.
        using var other = factory.CreateClientFor("other");
        using var foreign = await other.GetAsync(new Uri($"/api/events/inbound?source={Uri.EscapeDataString(Source)}&id=application-1", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound, "not-found");
        var foreignOutbound = await ApiPolling.GetJsonAsync(other, $"/api/events/outbound?about=screening/{batchId}");
        Assert.Equal(0, foreignOutbound.GetProperty("events").GetArrayLength());
        Assert.Equal("application-1", published.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task An_unknown_event_is_404_and_a_query_without_source_is_400_naming_it()
    {
        using var client = factory.CreateAuthorizedClient();

        using var unknown = await client.GetAsync(new Uri("/api/events/inbound?source=/nowhere&id=none", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
        using var missing = await client.GetAsync(new Uri("/api/events/inbound?id=x", UriKind.Relative));
        var problem = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("source is missing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_answer_the_callers_tenant_only_with_the_ids_it_chose()
    {
        using var contoso = factory.CreateAuthorizedClient();
        using var other = factory.CreateClientFor("other");
        var batch = Batches.Create("iso-1", 2) with { Requisition = Batches.Create("iso-1", 2).Requisition with { RequisitionId = "req-iso" } };
        using (var start = await ApiPolling.PostJsonAsync(contoso, "/api/screenings", batch))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        await ApiPolling.WaitForStatusAsync(contoso, "iso-1", "AwaitingReview", TimeSpan.FromSeconds(60));
        var own = await ApiPolling.GetJsonAsync(contoso, "/api/screenings?requisitionId=req-iso");
        var item = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal(("iso-1", "/api/screenings/iso-1"), (item.GetProperty("batchId").GetString(), item.GetProperty("statusUri").GetString()));

        var theirs = await ApiPolling.GetJsonAsync(other, "/api/screenings?requisitionId=req-iso");
        Assert.Equal(0, theirs.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Batches_list_filters_by_requisition_and_status_and_pages_with_a_continuation_token()
    {
        using var client = factory.CreateAuthorizedClient();
        foreach (var id in new[] { "list-a", "list-b", "list-c" })
        {
            var batch = Batches.Create(id, 2) with { Requisition = Batches.Create(id, 2).Requisition with { RequisitionId = "req-list" } };
            using var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", batch);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        foreach (var id in new[] { "list-a", "list-b", "list-c" })
        {
            await ApiPolling.WaitForStatusAsync(client, id, "AwaitingReview", TimeSpan.FromSeconds(60));
        }

        var seen = new List<string>();
        string? next = "/api/screenings?requisitionId=req-list&status=awaitingreview&pageSize=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await ApiPolling.GetJsonAsync(client, next);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            Assert.All(items, i => Assert.Equal(("req-list", "AwaitingReview"), (i.GetProperty("requisitionId").GetString(), i.GetProperty("status").GetString())));
            seen.AddRange(items.Select(i => i.GetProperty("batchId").GetString()!));
            next = page.TryGetProperty("nextUri", out var n) ? n.GetString() : null;
            pages++;
        }

        Assert.Equal(["list-a", "list-b", "list-c"], seen.Order(StringComparer.Ordinal));
        Assert.Equal(2, pages);
        var none = await ApiPolling.GetJsonAsync(client, "/api/screenings?requisitionId=req-list&updatedTo=2000-01-01T00:00:00Z");
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/screenings?status=Done", "status 'Done' is not a status: use one of Accepted, Screening, Ranking, AwaitingReview, Approved, Rejected, Expired.")]
    [InlineData("/api/job-descriptions?status=3", "use one of Drafting, AwaitingReview, Approved, Expired, RevisionLimitReached")]
    [InlineData("/api/screenings?updatedFrom=yesterday", "updatedFrom 'yesterday' is not a timestamp")]
    [InlineData("/api/screenings?updatedFrom=0001-01-01T00:00:00Z", "updatedFrom '0001-01-01T00:00:00Z' is before 1601-01-01")]
    [InlineData("/api/job-descriptions?updatedTo=1600-12-31T23:59:59Z", "updatedTo '1600-12-31T23:59:59Z' is before 1601-01-01")]
    [InlineData("/api/job-descriptions?pageSize=0", "pageSize '0' is out of range: use 1 to 200.")]
    // Enum.TryParse's flags syntax: a list, or a repeated ?status=, is one status or none, never a silent other filter.
    [InlineData("/api/screenings?status=Accepted,Screening", "status 'Accepted,Screening' is not a status")]
    [InlineData("/api/screenings?status=Rejected,%20Expired", "status 'Rejected, Expired' is not a status")]
    [InlineData("/api/job-descriptions?status=Approved&status=Expired", "status 'Approved,Expired' is not a status")]
    [InlineData("/api/job-descriptions?status=-1", "is not a status")]
    [InlineData("/api/job-descriptions?status=%2B1", "is not a status")]
    // A window that ends before it starts (or is empty) is a mistake to name, not an empty page.
    [InlineData("/api/screenings?updatedFrom=2026-12-01T00:00:00Z&updatedTo=2026-11-01T00:00:00Z", "updatedFrom (2026-12-01T00:00:00.0000000+00:00) is not before updatedTo")]
    [InlineData("/api/job-descriptions?updatedFrom=2026-11-01T00:00:00Z&updatedTo=2026-11-01T01:00:00%2B01:00", "is not before updatedTo")]
    public async Task A_bad_filter_is_400_naming_the_field_and_the_allowed_values(string path, string expected)
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/screenings?status=awaitingreview")]
    [InlineData("/api/screenings?status=%20Approved%20")]
    [InlineData("/api/job-descriptions?status=REVISIONLIMITREACHED&updatedFrom=2026-11-01T00:00:00Z&updatedTo=2026-11-01T00:00:01Z")]
    public async Task A_status_name_in_any_casing_and_a_forward_window_are_accepted(string path)
    {
        using var client = factory.CreateAuthorizedClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
