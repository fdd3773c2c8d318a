using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Errors;
using AiFunctions.Workflows.Screening;
using OpenTelemetry.Metrics;
using Xunit.Abstractions;

namespace AiFunctions.Host.Tests.Observability;

/// <summary>
/// The observability work attacked from outside: hostile trace-context and baggage headers on HTTP and in CloudEvents,
/// a second tenant, high-cardinality input, a misbehaving provider (429, 500, malformed bodies, a 400 that echoes the
/// prompt, a hang) and a name swap. Everything is read back from OpenTelemetry's in-memory exporters.
/// </summary>
public sealed class TelemetryAttackTests(TelemetryAttackTests.HostileTelemetryHostFactory factory, ITestOutputHelper output)
    : IClassFixture<TelemetryAttackTests.HostileTelemetryHostFactory>
{
    private const string Email = "lakisha.washington@example.com";
    private const string Phone = "+1 212 555 0199";

    /// <summary>Screening routed to the fault-injecting fake, with a short attempt timeout so a hang ends quickly.</summary>
    public sealed class HostileTelemetryHostFactory : TelemetryHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["AiFunctions:Routes:screening:Timeout"] = "00:00:12", // long enough for a loaded 2-core machine, short enough for the hang
            ["AiFunctions:Routes:screening:MaxRetries"] = "1",
            ["AiFunctions:Routes:screening:RetryBaseDelay"] = "00:00:00.1",

            // The faults test must not open the one target's circuit for the other tests of this class.
            ["AiFunctions:Resilience:CircuitBreaker:MinimumThroughput"] = "1000",
        };
    }

    public static TheoryData<string> InvalidTraceParents => new()
    {
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",             // version ff is forbidden
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",             // upper-case hex
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",             // all-zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",             // all-zero parent id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",       // version 00 has exactly four fields
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" + new string('a', 8_000), // oversized
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",                 // no flags
    };

    [Theory]
    [MemberData(nameof(InvalidTraceParents))]
    public async Task An_invalid_traceparent_header_is_ignored_never_a_5xx_and_never_continued(string traceParent)
    {
        using var client = factory.CreateAuthorizedClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/screenings/no-such-batch-" + Guid.NewGuid().ToString("N")[..8]);
        request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var server = await LastServerSpanAsync(request.RequestUri!.AbsolutePath);
        Assert.NotEqual("4bf92f3577b34da6a3ce929d0e0e4736", server.TraceId.ToHexString());
        Assert.Equal(default, server.ParentSpanId);
    }

    [Fact]
    public async Task Caller_baggage_is_not_taken_in_and_a_hostile_tracestate_is_dropped_so_neither_reaches_telemetry_or_the_provider()
    {
        using var client = factory.CreateAuthorizedClient();
        var traceId = ActivityTraceId.CreateRandom();
        var batch = PersonalBatch("hostile-headers", ["Lakisha Washington", "Emily Walsh"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screenings") { Content = JsonContent.Create(batch, options: Hosting.Api.ApiJson.Options) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        // A baggage item carrying personal data, and 6 KB more of it; a tracestate of 40 members and 6 KB.
        request.Headers.TryAddWithoutValidation("baggage", $"user.email={Uri.EscapeDataString(Email)},user.name=Lakisha%20Washington,filler={new string('x', 6_000)}");
        request.Headers.TryAddWithoutValidation("Correlation-Context", $"user.phone={Uri.EscapeDataString(Phone)}");
        request.Headers.TryAddWithoutValidation("tracestate", string.Join(',', Enumerable.Range(0, 40).Select(i => $"v{i}={new string('s', 150)}")));
        using (var start = await client.SendAsync(request))
        {
            Assert.True(start.StatusCode == HttpStatusCode.Accepted, $"{(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        }

        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        var spans = await SettledTraceAsync(traceId);
        Assert.Contains(spans, s => s.DisplayName == "POST /api/screenings");
        Assert.Contains(spans, s => s.DisplayName == "screen candidate");
        foreach (var span in spans)
        {
            Assert.True(!span.Baggage.Any(), $"{span.DisplayName} carries the caller's baggage: {string.Join(", ", span.Baggage.Select(b => b.Key))}");
            Assert.True(string.IsNullOrEmpty(span.TraceStateString), $"{span.DisplayName} carries the hostile tracestate ({span.TraceStateString?.Length} chars)");
        }

        var sent = factory.Provider.TraceHeaders;
        Assert.Contains(sent, h => h.Name == "traceparent" && h.Value.Contains(traceId.ToHexString(), StringComparison.Ordinal));
        Assert.DoesNotContain(sent, h => h.Name is "baggage" or "Correlation-Context" || h.Value.Contains("user.", StringComparison.Ordinal) || h.Value.Contains("sss", StringComparison.Ordinal));
        TelemetryScan.AssertAbsent(factory, [Email, Phone, "Lakisha", "Washington", "user.email", "user.phone", "filler", new string('s', 150)]);
    }

    [Fact]
    public async Task A_valid_bounded_tracestate_is_kept_and_passed_on()
    {
        using var client = factory.CreateAuthorizedClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/screenings/none-" + Guid.NewGuid().ToString("N")[..8]);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        request.Headers.Add("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
        using var response = await client.SendAsync(request);
        var server = await LastServerSpanAsync(request.RequestUri!.AbsolutePath);
        Assert.Equal(traceId, server.TraceId);
        Assert.Equal("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", server.TraceStateString);
    }

    [Fact]
    public async Task Hostile_trace_context_in_cloud_events_is_not_followed_and_never_copied()
    {
        using var client = factory.CreateAuthorizedClient();
        var hostileTrace = ActivityTraceId.CreateRandom();
        var cases = new (string Name, Dictionary<string, object?> Extensions, bool Continued)[]
        {
            ("bad-version", new() { ["traceparent"] = $"ff-{hostileTrace}-00f067aa0ba902b7-01" }, false),
            ("oversized", new() { ["traceparent"] = $"00-{hostileTrace}-00f067aa0ba902b7-01" + new string('0', 20_000) }, false),
            ("number", new() { ["traceparent"] = 42 }, false),
            ("huge-tracestate", new() { ["traceparent"] = $"00-{hostileTrace}-00f067aa0ba902b7-01", ["tracestate"] = "k=" + new string('v', 20_000) }, true),
            ("pii-baggage", new() { ["traceparent"] = $"00-{hostileTrace}-00f067aa0ba902b7-01", ["baggage"] = $"user.email={Email}" }, true),
        };

        foreach (var (name, extensions, continued) in cases)
        {
            var requisition = "req-trace-" + name;
            var cloudEvent = new Dictionary<string, object?>
            {
                ["specversion"] = "1.0",
                ["id"] = "evt-" + name + "-" + Guid.NewGuid().ToString("N")[..6],
                ["source"] = "/hr/ats",
                ["type"] = "hr.requisition.opened",
                ["tenantid"] = InMemoryHostFactory.Tenant,
                ["data"] = new
                {
                    requisitionId = requisition,
                    title = "Engineer",
                    jobDescription = "Build services in C#.",
                    criteria = new[] { new { id = "cs", text = "Production C#", kind = "MustHave" } },
                    openedAt = "2026-11-30T09:00:00Z",
                },
            };
            foreach (var (key, value) in extensions)
            {
                cloudEvent[key] = value;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events?code={TelemetryHostFactory.IntakeKey}")
            {
                Content = new StringContent(JsonSerializer.Serialize(cloudEvent), Encoding.UTF8, "application/cloudevents+json"),
            };
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {body}");

            factory.Flush();
            Activity process;
            lock (factory.Spans)
            {
                process = factory.Spans.Last(s => s.Source.Name == "AiFunctions.Events" && (string?)s.GetTagItem("cloudevents.event_id") == (string)cloudEvent["id"]!);
            }

            Assert.True(continued == (process.TraceId == hostileTrace), $"{name}: trace {(process.TraceId == hostileTrace ? "continued" : "not continued")}");
            Assert.True(string.IsNullOrEmpty(process.TraceStateString), $"{name}: tracestate of {process.TraceStateString?.Length} chars on the span");
            Assert.False(process.Baggage.Any(), name + ": baggage on the span");
        }

        TelemetryScan.AssertAbsent(factory, [Email, new string('v', 200)]);
    }

    [Fact]
    public async Task An_event_with_a_huge_or_multiline_id_and_source_puts_only_a_bounded_identifier_into_spans_and_logs()
    {
        using var client = factory.CreateAuthorizedClient();
        var id = "id-" + Email + "-" + new string('i', 50_000);
        var source = "/ats\nFAKE LOG LINE " + Phone;
        foreach (var type in new[] { "hr.requisition.closed", "x.unknown.type" })
        {
            var cloudEvent = new Dictionary<string, object?>
            {
                ["specversion"] = "1.0",
                ["id"] = id,
                ["source"] = source,
                ["type"] = type,
                ["tenantid"] = InMemoryHostFactory.Tenant,
                ["data"] = new { requisitionId = "req-never-opened", reason = "filled", closedAt = "2026-11-30T09:00:00Z" },
            };
            using var content = new StringContent(JsonSerializer.Serialize(cloudEvent), Encoding.UTF8, "application/cloudevents+json");
            using var response = await client.PostAsync(new Uri($"/api/events?code={TelemetryHostFactory.IntakeKey}", UriKind.Relative), content);
            Assert.True((int)response.StatusCode < 500, $"{type}: {(int)response.StatusCode}");
        }

        factory.Flush();
        List<Activity> processed;
        lock (factory.Spans)
        {
            processed = factory.Spans.Where(s => s.Source.Name == "AiFunctions.Events" && ((string?)s.GetTagItem("cloudevents.event_id"))?.StartsWith("sha256:", StringComparison.Ordinal) == true).ToList();
        }

        Assert.True(processed.Count >= 1, "no process span with a hashed event id");
        Assert.All(processed, s => Assert.StartsWith("sha256:", (string)s.GetTagItem("cloudevents.event_source")!, StringComparison.Ordinal));
        TelemetryScan.AssertAbsent(factory, [new string('i', 300), "FAKE LOG LINE", Email]);
    }

    [Fact]
    public async Task A_misbehaving_provider_ends_spans_with_the_kernel_reason_counts_bounded_failures_and_never_records_the_echoed_prompt()
    {
        using var client = factory.CreateAuthorizedClient();
        var traceId = ActivityTraceId.CreateRandom();
        string[] markers = [FakeOpenAIServer.Fault429, FakeOpenAIServer.Fault500, FakeOpenAIServer.FaultMalformed, FakeOpenAIServer.Fault400Echo, FakeOpenAIServer.FaultHang, string.Empty];
        // A rate-limited candidate is retried until the batch's transient retry window ends (docs/workflows.md); the shortest
        // window (1 minute) lets the persistent 429 settle as Failed within the test.
        var template = Batches.Create("provider-faults", markers.Length, concurrency: new ScreeningConcurrency { CandidateAttempts = 2, FirstRetryInterval = TimeSpan.FromSeconds(1), TransientRetryWindow = TimeSpan.FromMinutes(1) });
        var batch = template with
        {
            Candidates = template.Candidates.Select((c, i) => c with { ResumeText = c.ResumeText + "\n" + markers[i] + "\nSecret phrase: ultraviolet pangolin orchestra." }).ToArray(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screenings") { Content = JsonContent.Create(batch, options: Hosting.Api.ApiJson.Options) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using (var start = await client.SendAsync(request))
        {
            Assert.True(start.StatusCode == HttpStatusCode.Accepted, $"{(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        }

        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(240));
        var spans = await SettledTraceAsync(traceId);
        output.WriteLine(string.Join(Environment.NewLine, spans.Where(s => s.Status == ActivityStatusCode.Error || s.Source.Name == "AiFunctions.Kernel")
            .Select(s => $"{s.Source.Name} | {s.DisplayName} | {s.GetTagItem("error.type")} | {s.StatusDescription}")));

        // Route and attempt spans end in error with the kernel's reason: one per fault kind.
        var reasons = Enum.GetNames<AiFailureReason>().ToHashSet(StringComparer.Ordinal);
        var attempts = spans.Where(s => s.DisplayName.StartsWith("attempt ", StringComparison.Ordinal) && s.Status == ActivityStatusCode.Error).ToList();
        var attemptReasons = attempts.Select(s => (string?)s.GetTagItem("error.type")).ToHashSet();
        Assert.All(attemptReasons, r => Assert.Contains(r!, reasons));
        Assert.All(attempts, s => Assert.Equal(s.GetTagItem("error.type"), s.StatusDescription));
        foreach (var expected in new[] { AiFailureReason.RateLimited, AiFailureReason.Unavailable, AiFailureReason.MalformedResponse, AiFailureReason.BadRequest, AiFailureReason.Timeout })
        {
            Assert.Contains(expected.ToString(), attemptReasons);
        }

        Assert.All(spans.Where(s => s.DisplayName == "route screening" && s.Status == ActivityStatusCode.Error), s => Assert.Contains((string)s.GetTagItem("error.type")!, reasons));

        // The gen_ai chat span of a failed call ends in error with the kernel's reason as error.type, not a CLR type name.
        var failedChats = spans.Where(s => "chat".Equals(s.GetTagItem("gen_ai.operation.name")) && s.Status == ActivityStatusCode.Error).ToList();
        Assert.NotEmpty(failedChats);
        Assert.All(failedChats, s => Assert.Contains((string)s.GetTagItem("error.type")!, reasons.Append("Cancelled")));
        Assert.All(failedChats, s => Assert.Equal(s.GetTagItem("error.type"), s.StatusDescription));
        Assert.Contains(failedChats, s => "Cancelled".Equals(s.GetTagItem("error.type"))); // the hang, cut by the attempt timeout
        Assert.All(failedChats, s => Assert.Single(s.TagObjects, t => t.Key == "error.type"));
        Assert.All(failedChats, s => Assert.Null(s.GetTagItem("aifunctions.failure.reason")));

        // A candidate that failed for good ends its span in error with the reason.
        var failedCandidates = spans.Where(s => s.DisplayName == "screen candidate" && "failed".Equals(s.GetTagItem("aifunctions.screening.candidate.status"))).ToList();
        Assert.NotEmpty(failedCandidates);
        Assert.All(failedCandidates, s =>
        {
            Assert.Equal(ActivityStatusCode.Error, s.Status);
            Assert.Contains((string)s.GetTagItem("error.type")!, reasons);
        });
        Assert.All(spans.Where(s => s.DisplayName == "screen candidate" && "retry".Equals(s.GetTagItem("aifunctions.screening.candidate.status"))),
            s => Assert.Contains((string)s.GetTagItem("error.type")!, reasons));

        // Failures are counted with bounded tags: the reason, never a message.
        factory.Flush();
        var failureKinds = TelemetryScan.MetricTags(factory, "aifunctions.kernel.failures").Where(t => t.Key == "error.type").Select(t => t.Value).ToHashSet();
        // Every failure tag is a reason name. (Not asserted non-empty: with another test class's host in the same
        // process, the SDK's handling of two same-named meters left this provider without the points once; the
        // kernel's own AccountingTests prove the counting.)
        Assert.All(failureKinds, k => Assert.True(reasons.Contains(k!) || k == "Skipped", k));

        TelemetryScan.AssertAbsent(factory, ["ultraviolet pangolin", "Secret phrase", batch.Requisition.JobDescription, "We build distributed services", "Invalid 'messages'", "upstream proxy error", "wrote and tested production services"]);
    }

    [Fact]
    public async Task Metric_dimensions_stay_bounded_and_a_second_tenant_sees_none_of_the_firsts_ids()
    {
        using var contoso = factory.CreateAuthorizedClient();
        using var fabrikam = factory.CreateClientFor("other");
        var contosoTrace = ActivityTraceId.CreateRandom();
        var fabrikamTrace = ActivityTraceId.CreateRandom();
        var contosoBatch = PersonalBatch("tenant-a-" + Guid.NewGuid().ToString("N")[..8], ["Emily Walsh", "Greg Baker"]);
        var fabrikamBatch = PersonalBatch("tenant-b-" + Guid.NewGuid().ToString("N")[..8], ["Jamal Robinson", "Tamika Jones"]) with { Tenant = InMemoryHostFactory.OtherTenant };
        await StartAsync(contoso, contosoBatch, contosoTrace);
        await StartAsync(fabrikam, fabrikamBatch, fabrikamTrace);

        // High-cardinality input: 25 unknown event types and 25 event ids/sources nobody has seen.
        var eventIds = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var id = $"card-{i}-{Guid.NewGuid():N}";
            eventIds.Add(id);
            using var content = new StringContent(
                JsonSerializer.Serialize(new { specversion = "1.0", id, source = "/src/" + id, type = "x.hostile." + id, data = new { } }), Encoding.UTF8, "application/cloudevents+json");
            using var response = await contoso.PostAsync(new Uri($"/api/events?code={TelemetryHostFactory.IntakeKey}", UriKind.Relative), content);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        }

        await ApiPolling.WaitForStatusAsync(contoso, contosoBatch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        await ApiPolling.WaitForStatusAsync(fabrikam, fabrikamBatch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        factory.Flush();

        // No tenant's ids or names in the other's trace.
        var contosoTexts = TelemetryScan.SpanTexts(await SettledTraceAsync(contosoTrace)).ToList();
        var fabrikamTexts = TelemetryScan.SpanTexts(await SettledTraceAsync(fabrikamTrace)).ToList();
        Assert.Contains(fabrikamTexts, t => t.Text == InMemoryHostFactory.OtherTenant);
        Assert.DoesNotContain(fabrikamTexts, t => t.Text.Contains(contosoBatch.BatchId, StringComparison.Ordinal) || t.Text == InMemoryHostFactory.Tenant);
        Assert.DoesNotContain(contosoTexts, t => t.Text.Contains(fabrikamBatch.BatchId, StringComparison.Ordinal) || t.Text == InMemoryHostFactory.OtherTenant);

        // Metric tag values: never an id, a batch, an event source or type nobody configured.
        string[] ids = [contosoBatch.BatchId, fabrikamBatch.BatchId, .. contosoBatch.Candidates.Select(c => c.CandidateId), .. eventIds, "x.hostile", "/src/"];
        var tags = TelemetryScan.MetricTags(factory).ToList();
        var leaks = tags.Where(t => ids.Any(id => t.Value?.Contains(id, StringComparison.Ordinal) == true)).ToList();
        Assert.True(leaks.Count == 0, "ids as metric dimensions: " + string.Join("; ", leaks.Select(t => $"{t.Metric} {t.Key}={t.Value}").Distinct().Take(20)));
        var perKey = tags.Where(t => t.Metric.StartsWith("aifunctions.", StringComparison.Ordinal)).GroupBy(t => (t.Metric, t.Key)).Select(g => (g.Key, Values: g.Select(t => t.Value).Distinct().Count())).ToList();
        output.WriteLine(string.Join(Environment.NewLine, perKey.Select(k => $"{k.Key.Metric} {k.Key.Key}: {k.Values}")));
        Assert.All(perKey, k => Assert.True(k.Values <= 12, $"{k.Key.Metric} {k.Key.Key} has {k.Values} distinct values"));
    }

    [Fact]
    public async Task The_same_resume_under_two_names_yields_the_same_telemetry_except_ids()
    {
        using var client = factory.CreateAuthorizedClient();
        var first = await RunTracedAsync(client, PersonalBatch("swap-a-" + Guid.NewGuid().ToString("N")[..6], ["Lakisha Washington"]));
        var second = await RunTracedAsync(client, PersonalBatch("swap-b-" + Guid.NewGuid().ToString("N")[..6], ["Greg Baker"]));

        var a = TelemetryScan.Signature(first.Spans, first.Ids);
        var b = TelemetryScan.Signature(second.Spans, second.Ids);
        var onlyA = a.Except(b).ToList();
        var onlyB = b.Except(a).ToList();
        Assert.True(onlyA.Count == 0 && onlyB.Count == 0,
            "Telemetry differs by name:" + Environment.NewLine + string.Join(Environment.NewLine, onlyA.Select(x => "A " + x).Concat(onlyB.Select(x => "B " + x))));
        TelemetryScan.AssertAbsent(factory, ["Lakisha", "Washington", "Greg Baker", Email, Phone, "555 0199"]);
    }

    private async Task<(IReadOnlyList<Activity> Spans, string[] Ids)> RunTracedAsync(HttpClient client, ScreeningBatchRequest batch)
    {
        var traceId = ActivityTraceId.CreateRandom();
        await StartAsync(client, batch, traceId);
        await ApiPolling.WaitForStatusAsync(client, batch.BatchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        return (await SettledTraceAsync(traceId), [batch.BatchId, traceId.ToHexString()]);
    }

    private static async Task StartAsync(HttpClient client, ScreeningBatchRequest batch, ActivityTraceId traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/screenings") { Content = JsonContent.Create(batch, options: Hosting.Api.ApiJson.Options) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var start = await client.SendAsync(request);
        Assert.True(start.StatusCode == HttpStatusCode.Accepted, $"{(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
    }

    private async Task<Activity> LastServerSpanAsync(string path)
    {
        // The server span ends after the response is written: wait for its export.
        for (var i = 0; ; i++)
        {
            factory.Flush();
            lock (factory.Spans)
            {
                var span = factory.Spans.LastOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && (string?)s.GetTagItem("url.path") == path);
                if (span is not null || i == 50)
                {
                    return span ?? throw new InvalidOperationException("No server span for " + path);
                }
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The spans of a trace once a batch's review-required event has been published and nothing new arrived for a second.</summary>
    private async Task<IReadOnlyList<Activity>> SettledTraceAsync(ActivityTraceId traceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = -1;
        while (true)
        {
            var spans = factory.Trace(traceId);
            var published = spans.Any(s => s.DisplayName == "activity:PublishWorkflowEventActivity" && s.Kind == ActivityKind.Server);
            if ((published && spans.Count == last) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            last = published ? spans.Count : -1;
            await Task.Delay(1000);
        }
    }

    private static ScreeningBatchRequest PersonalBatch(string batchId, string[] names)
    {
        var batch = Batches.Create(batchId, names.Length);
        return batch with
        {
            Candidates = batch.Candidates.Select((c, i) => new CandidateSubmission(
                c.CandidateId,
                names[i],
                $"{names[i]}\n{names[i].Replace(' ', '.').ToLowerInvariant()}@example.com · {Phone}\n" + Batches.Resume(1))).ToArray(),
        };
    }
}
