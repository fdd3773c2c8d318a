using System.Net;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Deliveries a sender really makes, through the documented webhook (docs/events.md "Event Grid intake") in Direct mode:
/// CloudEvents HTTP binary mode (attributes in ce-* headers, the default of several SDKs) and a batch that mixes valid,
/// invalid and duplicate events — every event in it is named with what it became, and an invalid one loses no other.
/// </summary>
public sealed class WebhookDeliveryTests(DirectEventsHostFactory factory) : IClassFixture<DirectEventsHostFactory>
{
    private const string Source = "/ats/attack";

    private static string Requisition(string id) =>
        $$"""{"requisitionId":"{{id}}","title":"Software Engineer","jobDescription":"We build services in C# and Java.","criteria":[{"id":"code","text":"Writing and testing production code in C# or Java","kind":"MustHave"}],"openedAt":"2026-11-30T09:00:00Z"}""";

    private static string Applied(string requisitionId, string applicationId, string? candidateId) =>
        $$"""{"applicationId":"{{applicationId}}","requisitionId":"{{requisitionId}}",{{(candidateId is null ? string.Empty : $"\"candidateId\":\"{candidateId}\",")}}"displayName":"Test Person","resumeText":"Engineer: wrote and tested production services in C# and Java for eight years.","appliedAt":"2026-11-30T09:05:00Z"}""";

    private static string Structured(string id, string type, string data) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"{{Source}}","type":"{{type}}","tenantid":"{{InMemoryHostFactory.Tenant}}","datacontenttype":"application/json","data":{{data}}}""";

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpContent content, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/events", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Events-Key", DirectEventsHostFactory.EventsKey);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> BinaryHeaders(string id, string type) => new()
    {
        ["ce-specversion"] = "1.0",
        ["ce-id"] = id,
        ["ce-source"] = Source,
        ["ce-type"] = type,
        ["ce-tenantid"] = InMemoryHostFactory.Tenant,
        ["ce-time"] = "2026-11-30T09:00:00Z",
    };

    [Fact]
    public async Task A_binary_mode_cloud_event_is_handled_and_can_be_followed()
    {
        using var client = factory.CreateAuthorizedClient();
        var (status, body) = await SendAsync(client, new StringContent(Requisition("req-binary"), Encoding.UTF8, "application/json"), BinaryHeaders("binary-open-1", "hr.requisition.opened"));

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        var receipt = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal(("binary-open-1", Source, "Handled"), (receipt.GetProperty("id").GetString(), receipt.GetProperty("source").GetString(), receipt.GetProperty("disposition").GetString()));

        // The tenant came from ce-tenantid: the event's tenant follows it, another tenant does not.
        var outcome = await ApiPolling.GetJsonAsync(client, $"/api/events/inbound?source={Uri.EscapeDataString(Source)}&id=binary-open-1");
        Assert.Equal("Handled", outcome.GetProperty("disposition").GetString());
        using var other = factory.CreateClientFor("other");
        using var foreign = await other.GetAsync(new Uri($"/api/events/inbound?source={Uri.EscapeDataString(Source)}&id=binary-open-1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [InlineData("ce-id", "ce-id")]
    [InlineData("ce-source", "ce-source")]
    [InlineData("ce-type", "ce-type")]
    public async Task A_binary_mode_event_without_a_required_attribute_is_400_naming_its_header(string dropped, string named)
    {
        using var client = factory.CreateAuthorizedClient();
        var headers = BinaryHeaders("binary-missing", "hr.requisition.opened");
        headers.Remove(dropped);
        var (status, body) = await SendAsync(client, new StringContent(Requisition("req-binary-missing"), Encoding.UTF8, "application/json"), headers);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ce-specversion", "0.3", "ce-specversion")]
    [InlineData("ce-time", "yesterday", "ce-time")]
    public async Task A_binary_mode_attribute_with_a_bad_value_is_400_naming_its_header(string header, string value, string named)
    {
        using var client = factory.CreateAuthorizedClient();
        var headers = BinaryHeaders("binary-bad", "hr.requisition.opened");
        headers[header] = value;
        var (status, body) = await SendAsync(client, new StringContent(Requisition("req-binary-bad"), Encoding.UTF8, "application/json"), headers);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_event_in_a_batch_loses_no_other_and_the_answer_names_what_each_became()
    {
        using var client = factory.CreateAuthorizedClient();
        var (opened, openBody) = await SendAsync(client, new StringContent(Structured("mixed-open", "hr.requisition.opened", Requisition("req-mixed")), Encoding.UTF8, "application/cloudevents+json"));
        Assert.True(opened == HttpStatusCode.OK, openBody);

        // valid, invalid (no candidateId), valid after it, and the first one again.
        var batch = "[" + string.Join(",",
            Structured("mixed-ok-1", "hr.candidate.applied", Applied("req-mixed", "m-1", "c-m1")),
            Structured("mixed-bad", "hr.candidate.applied", Applied("req-mixed", "m-2", null)),
            Structured("mixed-ok-2", "hr.candidate.applied", Applied("req-mixed", "m-3", "c-m3")),
            Structured("mixed-ok-1", "hr.candidate.applied", Applied("req-mixed", "m-1", "c-m1"))) + "]";
        var (status, body) = await SendAsync(client, new StringContent(batch, Encoding.UTF8, "application/cloudevents-batch+json"));

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("Event 'mixed-bad'", detail, StringComparison.Ordinal);
        Assert.Contains("candidateId", detail, StringComparison.Ordinal);
        Assert.Contains("'mixed-ok-1' Handled", detail, StringComparison.Ordinal);
        Assert.Contains("'mixed-ok-2' Handled", detail, StringComparison.Ordinal);
        Assert.Contains("'mixed-ok-1' Duplicate", detail, StringComparison.Ordinal);

        // The valid event after the invalid one was handled (not lost), and each outcome can be followed.
        string Outcome(JsonElement e) => e.GetProperty("disposition").GetString()!;
        var after = await ApiPolling.GetJsonAsync(client, $"/api/events/inbound?source={Uri.EscapeDataString(Source)}&id=mixed-ok-2");
        Assert.Equal("Handled", Outcome(after));
        Assert.StartsWith("screening-", after.GetProperty("instanceId").GetString(), StringComparison.Ordinal);
        var bad = await ApiPolling.GetJsonAsync(client, $"/api/events/inbound?source={Uri.EscapeDataString(Source)}&id=mixed-bad");
        Assert.Equal("DeadLettered", Outcome(bad));
    }
}
