using System.Net;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// GET /api/events/inbound/recent: an Operator or Auditor lists its tenant's inbound events with their latest outcome
/// and correlation id, most recent first and in pages; another tenant's events never appear; bad paging is a 400.
/// </summary>
public sealed class RecentInboundEventsTests(DirectEventsHostFactory factory) : IClassFixture<DirectEventsHostFactory>
{
    private static async Task PostEventAsync(HttpClient client, string tenant, string id, string? correlationId = null)
    {
        var correlation = correlationId is null ? string.Empty : $",\"correlationid\":\"{correlationId}\"";
        var body = $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/ats/recent","type":"hr.requisition.opened","tenantid":"{{{tenant}}}"{{{correlation}}},"datacontenttype":"application/json","data":{"requisitionId":"req-{{{id}}}","title":"Engineer","jobDescription":"We build services in C#.","criteria":[{"id":"code","text":"Writing production code in C#","kind":"MustHave"}],"openedAt":"2026-11-30T09:00:00Z"}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/events", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json") };
        request.Headers.Add("X-Events-Key", DirectEventsHostFactory.EventsKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_tenants_recent_inbound_events_page_newest_first_with_outcome_and_correlation_id()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var client = factory.CreateClient();
        string[] ids = [$"in-{run}-1", $"in-{run}-2", $"in-{run}-3"];
        await PostEventAsync(client, InMemoryHostFactory.Tenant, ids[0]);
        await PostEventAsync(client, InMemoryHostFactory.Tenant, ids[1], correlationId: $"corr-{run}");
        await PostEventAsync(client, InMemoryHostFactory.OtherTenant, $"in-{run}-theirs");
        await PostEventAsync(client, InMemoryHostFactory.Tenant, ids[2]);

        using var operatorClient = factory.CreateClientFor("operator");
        var seen = new List<JsonElement>();
        string? next = "/api/events/inbound/recent?pageSize=2";
        while (next is not null)
        {
            var page = await ApiPolling.GetJsonAsync(operatorClient, next);
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 0, 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.TryGetProperty("nextUri", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }

        var mine = seen.Where(e => e.GetProperty("id").GetString()!.StartsWith($"in-{run}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Reverse(ids), mine.Select(e => e.GetProperty("id").GetString()));
        Assert.All(mine, e => Assert.Equal(("Handled", InMemoryHostFactory.Tenant), (e.GetProperty("disposition").GetString(), e.GetProperty("tenant").GetString())));
        Assert.Equal($"corr-{run}", mine[1].GetProperty("correlationId").GetString());
        Assert.Equal(ids[0], mine[2].GetProperty("correlationId").GetString()); // absent: the event's id, as it travels on
        Assert.All(seen, e => Assert.Equal(InMemoryHostFactory.Tenant, e.GetProperty("tenant").GetString()));

        using var other = factory.CreateClientFor("other");
        var theirs = await ApiPolling.GetJsonAsync(other, "/api/events/inbound/recent?pageSize=200");
        var theirIds = theirs.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains($"in-{run}-theirs", theirIds);
        Assert.DoesNotContain(ids[0], theirIds);

        using var auditor = factory.CreateClientFor("auditor");
        Assert.Contains(ids[2], (await ApiPolling.GetJsonAsync(auditor, "/api/events/inbound/recent")).GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submitter")]
    [InlineData("reviewer")]
    public async Task Roles_that_do_not_read_events_are_refused(string principal)
    {
        using var client = factory.CreateClientFor(principal);

        using var response = await client.GetAsync(new Uri("/api/events/inbound/recent", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("Operator or Auditor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize '0' is out of range: use 1 to 200")]
    [InlineData("pageSize=1000", "pageSize '1000' is out of range")]
    [InlineData("pageSize=1e3", "pageSize '1e3' is out of range")]
    [InlineData("continuationToken=***", "continuationToken is not a token this API issued")]
    [InlineData("continuationToken=bm90LWFuLW9mZnNldA", "continuationToken is not a token this API issued")]
    public async Task Bad_paging_of_inbound_events_is_400_naming_the_parameter(string query, string expected)
    {
        using var client = factory.CreateClientFor("operator");

        using var response = await client.GetAsync(new Uri("/api/events/inbound/recent?" + query, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
