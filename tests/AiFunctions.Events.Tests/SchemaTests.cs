using System.Text.Json.Nodes;
using AiFunctions.Events.Contracts;

namespace AiFunctions.Events.Tests;

/// <summary>The versioned schemas: URIs, JSON schemas, and docs/events.md documenting every inbound field.</summary>
public sealed class SchemaTests
{
    public static TheoryData<string> InboundTypes => [.. EventSchemas.Inbound.Select(s => s.Type)];

    [Theory]
    [MemberData(nameof(InboundTypes))]
    public void Every_inbound_field_is_documented_in_docs_events_md(string type)
    {
        var schema = EventSchemas.Inbound.Single(s => s.Type == type).ToJsonSchema();
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "events.md"));
        var section = docs[docs.IndexOf($"### `{type}`", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n### ", 5, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];

        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToList();

        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.Contains($"`{p}`", section, StringComparison.Ordinal));
        Assert.Equal(EventSchema.UriFor(type, 1).ToString(), schema["$id"]!.GetValue<string>());
    }

    [Fact]
    public void Versions_are_read_from_our_dataschema_uris_only()
    {
        Assert.True(EventSchemas.TryReadVersion(HrEventTypes.CandidateApplied, null, out var absent));
        Assert.True(EventSchemas.TryReadVersion(HrEventTypes.CandidateApplied, "https://schemas.aifunctions.dev/events/hr.candidate.applied/v3.json", out var three));
        Assert.False(EventSchemas.TryReadVersion(HrEventTypes.CandidateApplied, "https://schemas.aifunctions.dev/events/hr.employee.hired/v1.json", out _));
        Assert.False(EventSchemas.TryReadVersion(HrEventTypes.CandidateApplied, "https://schemas.aifunctions.dev/events/hr.candidate.applied/v0.json", out _));
        Assert.Equal((1, 3), (absent, three));
    }

    [Fact]
    public void Outbound_types_each_have_one_schema()
    {
        Assert.Equal(EventSchemas.Outbound.Count, EventSchemas.Outbound.Select(s => s.Type).Distinct().Count());
        Assert.IsType<JsonObject>(EventSchemas.OutboundFor(AiEventTypes.ProviderCircuitOpened).ToJsonSchema());
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
