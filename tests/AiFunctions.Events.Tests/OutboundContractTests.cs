using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Publishing;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using Azure.Messaging;
using Json.Schema;

namespace AiFunctions.Events.Tests;

/// <summary>
/// The outbound contract: every outbound type, built by its real producer and serialised as it goes on the wire, has
/// JSON <c>data</c> (not <c>data_base64</c>) under <c>datacontenttype: application/json</c>, validates against its
/// published JSON schema, and has exactly the fields its row in docs/events.md lists.
/// </summary>
public sealed partial class OutboundContractTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-30T10:00:00Z", CultureInfo.InvariantCulture);

    public static TheoryData<string> OutboundTypes => [.. EventSchemas.Outbound.Select(s => s.Type)];

    [Fact]
    public void Every_outbound_type_has_a_sample_built_by_its_producer()
    {
        Assert.Equal(EventSchemas.Outbound.Select(s => s.Type).Order(StringComparer.Ordinal), Samples().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OutboundTypes))]
    public void The_event_on_the_wire_has_json_data_that_validates_against_its_published_schema(string type)
    {
        var wire = JsonNode.Parse(JsonSerializer.Serialize(Samples()[type]))!.AsObject();

        Assert.Equal("application/json", (string?)wire["datacontenttype"]);
        Assert.False(wire.ContainsKey("data_base64"), $"{type} carries data_base64: {wire}");
        var data = Assert.IsType<JsonObject>(wire["data"]);
        Assert.Equal(EventSchemas.OutboundFor(type).DataSchema.ToString(), (string?)wire["dataschema"]);

        var schema = JsonSchema.FromText(EventSchemas.OutboundFor(type).ToJsonSchema().ToJsonString());
        var result = schema.Evaluate(data, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{type} data does not match its schema: {string.Join("; ", (result.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}\n{data}");
        Assert.All(data.Select(p => p.Key), key => Assert.True(char.IsLower(key[0]), $"{type}: field '{key}' is not camelCase."));
    }

    [Theory]
    [MemberData(nameof(OutboundTypes))]
    public void The_docs_table_row_lists_exactly_the_fields_of_the_schema(string type)
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "events.md"));
        var row = docs.Split('\n').SingleOrDefault(l => l.StartsWith($"| `{type}` |", StringComparison.Ordinal));
        Assert.True(row is not null, $"docs/events.md has no table row for `{type}`.");
        var cells = row!.Split('|', StringSplitOptions.TrimEntries);
        var documented = BacktickedField().Matches(cells[3]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var properties = EventSchemas.OutboundFor(type).ToJsonSchema()["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(properties.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.Contains($"`{EventSchemas.OutboundFor(type).DataType.Name}`", cells[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_in_outbound_data_are_their_names()
    {
        var wire = JsonNode.Parse(JsonSerializer.Serialize(Samples()[AiEventTypes.ScreeningCompleted]))!;
        Assert.Equal("Approved", (string?)wire["data"]!["outcome"]);
        var jd = JsonNode.Parse(JsonSerializer.Serialize(Samples()[AiEventTypes.JobDescriptionRevisionLimitReached]))!;
        Assert.Equal("RevisionLimitReached", (string?)jd["data"]!["status"]);
    }

    [GeneratedRegex(@"`([a-zA-Z]+)(?:\[\])?`")]
    private static partial Regex BacktickedField();

    private static Dictionary<string, CloudEvent> Samples()
    {
        static CloudEvent Workflow<T>(string type, T data) => CloudEventWorkflowPublisher.ToCloudEvent(
            WorkflowEvent.Create($"i-1/{type}", type, "subject/1", T0, "contoso", "corr-1", data), "/aifunctions");
        var review = new ScreeningReviewEventData("b1", "r1", "screening-b1", 2, ["c1", "c2"], 0, T0.AddDays(3));
        var completed = new ScreeningCompletedEventData("b1", "r1", "screening-b1", ScreeningOutcome.Approved, 10, 9, 1, ["c1", "c2"], "hm@contoso.com", 0);
        JobDescriptionEventData Jd(JobDescriptionStatus status) => new("jd-1", "jobdescription-jd-1", "Platform Engineer", status, 2, 1, status == JobDescriptionStatus.Approved ? "hm" : null, status == JobDescriptionStatus.AwaitingReview ? T0.AddDays(2) : null);
        return new Dictionary<string, CloudEvent>(StringComparer.Ordinal)
        {
            [AiEventTypes.ScreeningReviewRequired] = Workflow(AiEventTypes.ScreeningReviewRequired, review),
            [AiEventTypes.ScreeningReviewEscalated] = Workflow(AiEventTypes.ScreeningReviewEscalated, review with { Escalation = 1 }),
            [AiEventTypes.ScreeningCompleted] = Workflow(AiEventTypes.ScreeningCompleted, completed),
            [AiEventTypes.ScreeningExpired] = Workflow(AiEventTypes.ScreeningExpired, completed with { Outcome = ScreeningOutcome.Expired, DecidedBy = null }),
            [AiEventTypes.JobDescriptionReviewRequired] = Workflow(AiEventTypes.JobDescriptionReviewRequired, Jd(JobDescriptionStatus.AwaitingReview)),
            [AiEventTypes.JobDescriptionApproved] = Workflow(AiEventTypes.JobDescriptionApproved, Jd(JobDescriptionStatus.Approved)),
            [AiEventTypes.JobDescriptionExpired] = Workflow(AiEventTypes.JobDescriptionExpired, Jd(JobDescriptionStatus.Expired)),
            [AiEventTypes.JobDescriptionRevisionLimitReached] = Workflow(AiEventTypes.JobDescriptionRevisionLimitReached, Jd(JobDescriptionStatus.RevisionLimitReached)),
            [AiEventTypes.ProviderCircuitOpened] = CircuitOpenedPublisher.ToCloudEvent(
                new CircuitOpenedEventArgs("azure/gpt-4o-mini", "azure", "gpt-4o-mini", TimeSpan.FromSeconds(30), "Unavailable (HTTP 503)", T0), "/aifunctions"),
        };
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AiFunctions.sln not found above the test binaries.");
    }
}
