using System.Reflection;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Hosting.Api;
using AiFunctions.Workflows;
using Microsoft.Azure.Functions.Worker;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Metadata;

/// <summary>
/// What the Functions host will index: every function and binding in the generated functions.metadata, and the route
/// parity with the API route table (<see cref="ApiRoutes"/>, which the standalone host maps) so the two cannot drift.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string[] Orchestrators =
        [WorkflowNames.ScreeningBatchOrchestrator, WorkflowNames.ScreeningChunkOrchestrator, WorkflowNames.JobDescriptionOrchestrator];

    private static readonly string[] Activities =
    [
        WorkflowNames.PersistBatchActivity, WorkflowNames.ScreenCandidateGroupActivity, WorkflowNames.RecordCandidateFailureActivity,
        WorkflowNames.UpdateBatchStatusActivity, WorkflowNames.RankActivity, WorkflowNames.CheckScorersActivity, WorkflowNames.RecordDecisionActivity,
        WorkflowNames.DraftJobDescriptionActivity, WorkflowNames.RecordJobDescriptionReviewActivity, WorkflowNames.PublishWorkflowEventActivity,
    ];

    /// <summary>Every HTTP operation both hosts serve: the API route table and the event routes.</summary>
    private static IReadOnlyList<ApiRoute> HttpRoutes => [.. ApiRoutes.All, .. EventApi.Routes, .. EventTrackingApi.Routes, .. ListingApi.Routes, .. AiFunctions.Hosting.Api.Management.ManagementRoutes.All, .. AiFunctions.Hosting.Gateway.GatewayApi.Routes];

    public static TheoryData<string> HttpRouteNames() => new(HttpRoutes.Where(r => r != EventApi.ReceiveEventsRoute).Select(r => r.Name));

    [Fact]
    public void Metadata_holds_exactly_the_api_routes_the_webhook_and_the_workflow_tasks()
    {
        var expected = HttpRoutes.Select(r => r.Name)
            .Concat(Orchestrators)
            .Concat(Activities)
            .Append("RetentionPurge")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, FunctionsMetadata.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_retention_purge_is_a_daily_timer_trigger_with_a_durable_client()
    {
        var trigger = FunctionsMetadata.Trigger("RetentionPurge");

        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal(AiFunctions.FunctionApp.Lifecycle.RetentionTimerFunction.Schedule, (string?)trigger["schedule"]);
        Assert.Contains(FunctionsMetadata.Bindings("RetentionPurge"), b => (string?)b["type"] == "durableClient");
    }

    [Theory]
    [MemberData(nameof(HttpRouteNames))]
    public void Http_trigger_matches_the_api_route_table(string name)
    {
        var route = HttpRoutes.Single(r => r.Name == name);
        var trigger = FunctionsMetadata.Trigger(name);

        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal("In", (string?)trigger["direction"]);
        Assert.Equal(route.Template, (string?)trigger["route"]);
        Assert.Equal([route.Method.ToLowerInvariant()], trigger["methods"]!.AsArray().Select(m => (string)m!).ToArray());
        Assert.Equal(route.Anonymous ? "Anonymous" : "Function", (string?)trigger["authLevel"]);
        var output = FunctionsMetadata.Bindings(name).Single(b => (string?)b["direction"] == "Out");
        Assert.Equal("http", (string?)output["type"]);
        Assert.Equal("$return", (string?)output["name"]);
    }

    [Fact]
    public void Every_http_function_in_the_assembly_is_in_the_route_tables()
    {
        var declared = typeof(EventHttpFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()!.Name, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!))
            .ToList();

        var table = HttpRoutes.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var (name, trigger) in declared)
        {
            Assert.True(table.TryGetValue(name, out var route), $"HTTP function '{name}' has no entry in ApiRoutes or EventApi.Routes.");
            Assert.Equal(route.Template, trigger.Route);
            Assert.Contains(route.Method, trigger.Methods!.Select(m => m.ToUpperInvariant()));
        }

        Assert.Equal(HttpRoutes.Count, declared.Count);
    }

    [Fact]
    public void Functions_that_start_query_or_raise_get_a_durable_client()
    {
        string[] withClient =
        [
            ApiRoutes.StartScreening.Name, ApiRoutes.GetScreening.Name, ApiRoutes.ReviewScreening.Name,
            ApiRoutes.StartJobDescription.Name, ApiRoutes.GetJobDescription.Name, ApiRoutes.ReviewJobDescription.Name,
        ];
        foreach (var name in withClient)
        {
            var client = FunctionsMetadata.Bindings(name).SingleOrDefault(b => (string?)b["type"] == "durableClient");
            Assert.True(client is not null, $"{name} has no durableClient binding.");
            Assert.Equal("In", (string?)client!["direction"]);
        }
    }

    [Fact]
    public void Event_webhook_is_the_anonymous_post_and_options_trigger_on_api_events()
    {
        var trigger = FunctionsMetadata.Trigger(EventApi.ReceiveEventsRoute.Name);

        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal(EventApi.ReceiveEventsRoute.Template, (string?)trigger["route"]);
        Assert.Equal(["options", "post"], trigger["methods"]!.AsArray().Select(m => (string)m!).Order(StringComparer.Ordinal).ToArray());
        // The intake checks its own shared key (code / X-Events-Key), as in the standalone host.
        Assert.Equal("Anonymous", (string?)trigger["authLevel"]);
    }

    [Fact]
    public void Orchestrators_and_activities_have_their_durable_triggers()
    {
        foreach (var name in Orchestrators)
        {
            var trigger = FunctionsMetadata.Trigger(name);
            Assert.Equal("orchestrationTrigger", (string?)trigger["type"]);
            Assert.Equal("In", (string?)trigger["direction"]);
            Assert.Single(FunctionsMetadata.Bindings(name));
        }

        foreach (var name in Activities)
        {
            var trigger = FunctionsMetadata.Trigger(name);
            Assert.Equal("activityTrigger", (string?)trigger["type"]);
            Assert.Equal("In", (string?)trigger["direction"]);
        }
    }

    [Fact]
    public void Every_function_runs_from_the_app_assembly()
    {
        Assert.All(FunctionsMetadata.All.Values, f =>
        {
            Assert.Equal("AiFunctions.FunctionApp.dll", (string?)f["scriptFile"]);
            Assert.Equal("dotnet-isolated", (string?)f["language"]);
        });
    }
}
