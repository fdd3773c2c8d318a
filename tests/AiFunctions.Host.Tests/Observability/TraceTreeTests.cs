using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.Screening;
using OpenTelemetry.Metrics;
using Xunit.Abstractions;

namespace AiFunctions.Host.Tests.Observability;

/// <summary>
/// One screening batch over HTTP, exported by OpenTelemetry's in-memory exporters: the caller's trace continues through
/// the API, the Durable orchestrations and activities down to the provider HTTP call, with the expected attributes, and
/// no span, metric or log record carries the candidates' names, contact data, resume text, the prompt or the reviewer.
/// </summary>
public sealed class TraceTreeTests(TelemetryHostFactory factory, ITestOutputHelper output) : IClassFixture<TelemetryHostFactory>
{
    private const string Email = "jane.roe@example.com";
    private const string Phone = "+1 415 555 0134";
    private const string Reviewer = "riley.reviewer@contoso.example"; // the "reviewer" principal's name (InMemoryHostFactory)

    [Fact]
    public async Task A_batch_started_over_http_is_one_trace_from_the_request_to_the_provider_call_without_personal_data()
    {
        using var client = factory.CreateAuthorizedClient();
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var batch = PersonalBatch("traced-http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screenings") { Content = JsonContent.Create(batch, options: Hosting.Api.ApiJson.Options) };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        using (var start = await client.SendAsync(request))
        {
            Assert.True(start.StatusCode == HttpStatusCode.Accepted, $"{(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        }

        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        using (var reviewer = factory.CreateClientFor("reviewer"))
        using (var review = await ApiPolling.PostJsonAsync(reviewer, $"/api/screenings/{batch.BatchId}/review", new { decision = ReviewDecision.Approve, comment = "Approved for interviews." }))
        {
            Assert.True(review.StatusCode == HttpStatusCode.Accepted, $"{(int)review.StatusCode}: {await review.Content.ReadAsStringAsync()}");
        }

        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "Approved", TimeSpan.FromSeconds(30));
        var spans = await WaitForSpanAsync(traceId, s => s.DisplayName == "orchestration:ScreeningBatchOrchestrator" && s.Kind == ActivityKind.Server);
        output.WriteLine(string.Join(Environment.NewLine, spans.Select(s => $"{s.SpanId} <- {s.ParentSpanId} {s.Source.Name} | {s.DisplayName} | {s.Kind}")));

        // The request continues the caller's trace; the orchestration hangs off the API request.
        var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName == "POST /api/screenings");
        Assert.Equal(callerSpan, server.ParentSpanId);
        var create = Assert.Single(spans, s => s.DisplayName == "create_orchestration:ScreeningBatchOrchestrator");
        Assert.Equal(server.SpanId, create.ParentSpanId);
        Assert.Equal("screening-contoso.traced-http", create.GetTagItem("durabletask.task.instance_id"));

        // Every provider call sits under a "screen candidate" span, under the screening activity, under the chunk
        // orchestration, under the batch orchestration, under the create_orchestration span: one chain.
        var providerCalls = spans.Where(s => s.Source.Name == "System.Net.Http" && (s.GetTagItem("url.full") as string)?.Contains("/v1/chat/completions", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(batch.Candidates.Count, providerCalls.Count);
        foreach (var call in providerCalls)
        {
            var ancestors = Ancestors(spans, call).ToList();
            output.WriteLine(string.Join(" <- ", ancestors.Select(s => $"{s.DisplayName} [{s.Source.Name}]")));
            Assert.Equal(
                ["screen candidate", "screen candidate group", "activity:ScreenCandidateGroupActivity", "activity:ScreenCandidateGroupActivity",
                 "orchestration:ScreeningChunkOrchestrator", "orchestration:ScreeningChunkOrchestrator", "orchestration:ScreeningBatchOrchestrator",
                 "create_orchestration:ScreeningBatchOrchestrator", "POST /api/screenings"],
                ancestors.Where(s => s.Source.Name != "AiFunctions.Kernel").Select(s => s.DisplayName).ToList());

            // The kernel's spans between the candidate and the HTTP call: M.E.AI's gen_ai chat span inside the
            // target attempt inside the route call.
            var kernel = ancestors.TakeWhile(s => s.Source.Name == "AiFunctions.Kernel").ToList();
            var chat = Assert.Single(kernel, s => "chat".Equals(s.GetTagItem("gen_ai.operation.name")));
            var attempt = Assert.Single(kernel, s => s.DisplayName == $"attempt fake/{FakeOpenAIServer.Model}");
            var route = Assert.Single(kernel, s => s.DisplayName == "route screening");
            Assert.True(kernel.IndexOf(chat) < kernel.IndexOf(attempt) && kernel.IndexOf(attempt) < kernel.IndexOf(route), string.Join(" <- ", kernel.Select(k => k.DisplayName)));
            Assert.Equal("screening", route.GetTagItem("aifunctions.route"));
            Assert.Equal("contoso", route.GetTagItem("aifunctions.tenant"));
            Assert.Equal(FakeOpenAIServer.Model, chat.GetTagItem("gen_ai.request.model"));
        }

        var candidate = spans.First(s => s.DisplayName == "screen candidate");
        Assert.Equal("contoso.traced-http", candidate.GetTagItem("aifunctions.screening.batch_id")); // the stored, tenant-scoped batch id
        Assert.StartsWith("cand-", (string)candidate.GetTagItem("aifunctions.screening.candidate_ref")!, StringComparison.Ordinal);
        Assert.Equal("screened", candidate.GetTagItem("aifunctions.screening.candidate.status"));
        Assert.Contains(spans, s => s.DisplayName == "activity:PersistBatchActivity" && s.Kind == ActivityKind.Server);
        Assert.Contains(spans, s => s.DisplayName == "activity:PublishWorkflowEventActivity" && s.Kind == ActivityKind.Server);

        // Metrics of the batch.
        factory.Flush();
        Assert.Contains(MetricNames(), n => n == "aifunctions.screening.batches.started");
        Assert.Contains(MetricNames(), n => n == "aifunctions.screening.candidate.duration");
        Assert.Contains(MetricNames(), n => n == "aifunctions.screening.review.wait_time");
        Assert.Contains(MetricNames(), n => n == "aifunctions.kernel.tokens");

        // Log records carry the trace.
        lock (factory.Logs)
        {
            Assert.Contains(factory.Logs, l => l.TraceId == traceId);
        }

        AssertNoPersonalData(batch);
    }

    [Fact]
    public async Task A_batch_started_by_a_cloud_event_continues_the_events_traceparent_down_to_the_provider_call()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();
        var batch = PersonalBatch("traced-event");
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = "evt-traced-event",
            ["source"] = "/hr/ats",
            ["type"] = "hr.screening.requested",
            ["datacontenttype"] = "application/json",
            ["traceparent"] = $"00-{traceId}-{producerSpan}-01",
            ["tenantid"] = InMemoryHostFactory.Tenant,
            ["data"] = new
            {
                batchId = batch.BatchId,
                requisitionId = batch.Requisition.RequisitionId,
                requisition = new
                {
                    requisitionId = batch.Requisition.RequisitionId,
                    title = batch.Requisition.Title,
                    jobDescription = batch.Requisition.JobDescription,
                    criteria = batch.Requisition.Criteria.Select(c => new { id = c.Id, text = c.Text, kind = c.Kind.ToString(), weight = c.Weight }),
                    openedAt = "2026-11-01T09:00:00Z",
                },
                candidates = batch.Candidates.Select(c => new { candidateId = c.CandidateId, displayName = c.DisplayName, resumeText = c.ResumeText }),
                reviewPolicy = new { shortlistSize = 2 },
            },
        };

        // A client with its own (different) trace on the HTTP request: the event's traceparent is what continues.
        using var client = factory.CreateAuthorizedClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events?code={TelemetryHostFactory.IntakeKey}")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(cloudEvent), System.Text.Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01");
        using (var response = await client.SendAsync(request))
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        using (var reviewer = factory.CreateClientFor("reviewer"))
        using (var review = await ApiPolling.PostJsonAsync(reviewer, $"/api/screenings/{batch.BatchId}/review", new { decision = ReviewDecision.Approve, comment = "Approved for interviews." }))
        {
            Assert.True(review.StatusCode == HttpStatusCode.Accepted, $"{(int)review.StatusCode}: {await review.Content.ReadAsStringAsync()}");
        }

        // The batch orchestration's own span is emitted when it completes.
        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "Approved", TimeSpan.FromSeconds(30));
        var spans = await WaitForSpanAsync(traceId, s => s.DisplayName == "orchestration:ScreeningBatchOrchestrator" && s.Kind == ActivityKind.Server);

        var process = Assert.Single(spans, s => s.Source.Name == "AiFunctions.Events");
        Assert.Equal(producerSpan, process.ParentSpanId);
        Assert.Equal("process hr.screening.requested", process.DisplayName);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal("evt-traced-event", process.GetTagItem("cloudevents.event_id"));
        Assert.Equal("hr.screening.requested", process.GetTagItem("cloudevents.event_type"));
        Assert.Equal("handled", process.GetTagItem("aifunctions.events.disposition"));
        Assert.Single(process.Links);

        var create = Assert.Single(spans, s => s.DisplayName == "create_orchestration:ScreeningBatchOrchestrator");
        Assert.Equal(process.SpanId, create.ParentSpanId);
        var providerCalls = spans.Where(s => s.Source.Name == "System.Net.Http" && (s.GetTagItem("url.full") as string)?.Contains("/v1/chat/completions", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(batch.Candidates.Count, providerCalls.Count);
        Assert.All(providerCalls, call => Assert.Contains(Ancestors(spans, call), a => a.SpanId == create.SpanId));

        factory.Flush();
        Assert.Contains(MetricNames(), n => n == "aifunctions.events.handled");
        Assert.Contains(MetricNames(), n => n == "aifunctions.events.handler.duration");
        AssertNoPersonalData(batch);
    }

    private void AssertNoPersonalData(ScreeningBatchRequest batch)
    {
        string[] forbidden =
        [
            .. batch.Candidates.Select(c => c.DisplayName),
            .. batch.Candidates.SelectMany(c => c.DisplayName!.Split(' ')).Where(p => p.Length > 3),
            Email, Phone, "555 0134", Reviewer, "Approved for interviews",
            "Senior Software Engineer at Fabrikam", "mentored", "distributed systems, code review",
            batch.Requisition.JobDescription, "We build distributed services",
        ];
        TelemetryScan.AssertAbsent(factory, forbidden);
    }

    private static ScreeningBatchRequest PersonalBatch(string batchId)
    {
        string[] names = ["Lakisha Washington", "Jamal Robinson", "Emily Walsh"];
        var batch = Batches.Create(batchId, names.Length);
        return batch with
        {
            Candidates = batch.Candidates.Select((c, i) => new CandidateSubmission(
                c.CandidateId,
                names[i],
                $"{names[i]}\n{Email} · {Phone}\n" + c.ResumeText)).ToArray(),
        };
    }

    private List<string> MetricNames()
    {
        lock (factory.Metrics)
        {
            return factory.Metrics.Select(m => m.Name).Distinct().ToList();
        }
    }

    private static IEnumerable<Activity> Ancestors(IReadOnlyList<Activity> spans, Activity span)
    {
        for (var parent = spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null; parent = spans.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }

    private async Task<IReadOnlyList<Activity>> WaitForSpanAsync(ActivityTraceId traceId, Func<Activity, bool> predicate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var spans = factory.Trace(traceId);
            if (spans.Any(predicate) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(200);
        }
    }
}
