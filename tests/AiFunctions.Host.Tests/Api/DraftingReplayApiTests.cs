using System.Net;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Drafting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Drafting replays through the API (docs/migration.md, "Replay of drafting requests"): concurrent starts of the same
/// replay create one; progress (done, total, failed) is visible while it runs; the report carries both sides' pass
/// rates of the section and inclusive-language checks, counted by hand from the stored versions' findings; the stored
/// drafts and their approval are untouched; bad selections are 400s naming the field; another tenant can neither read
/// the replay nor replay this tenant's drafts.
/// </summary>
public sealed class DraftingReplayApiTests(DraftingReplayApiTests.GatedHostFactory factory) : IClassFixture<DraftingReplayApiTests.GatedHostFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private const string Path = "/api/migrations/drafting-replays";

    /// <summary>The migration host whose candidate-target drafting calls can be held (<see cref="Gated"/>) and let through one by one.</summary>
    public sealed class GatedHostFactory : MigrationHostFactory
    {
        public SemaphoreSlim Permits { get; } = new(0);

        public volatile bool Gated;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var inner = services.Last(d => d.ServiceType == typeof(IAiFunctionEvaluator));
                services.Remove(inner);
                services.AddSingleton<IAiFunctionEvaluator>(sp => new GatedEvaluator((IAiFunctionEvaluator)inner.ImplementationFactory!(sp), this));
            });
        }
    }

    private sealed class GatedEvaluator(IAiFunctionEvaluator inner, GatedHostFactory factory) : IAiFunctionEvaluator
    {
        public async Task<AiFunctionEvaluation<TOutput>> EvaluateAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteTargetOptions target, CancellationToken cancellationToken = default)
        {
            if (input is JobDescriptionRequest && factory.Gated)
            {
                await factory.Permits.WaitAsync(cancellationToken);
            }

            return await inner.EvaluateAsync(aiFunction, input, target, cancellationToken);
        }
    }

    /// <summary>Drafts job description <paramref name="id"/> through the API and waits until it awaits review.</summary>
    internal static async Task DraftAsync(HttpClient client, string id, params string[] responsibilities)
    {
        var request = new JobDescriptionWorkflowRequest(id, null!, new JobDescriptionRequest("Platform Engineer", "Engineering", "Remote", "Full-time", responsibilities, ["Kubernetes"], []));
        using var start = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions", request);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await ApiPolling.WaitUntilAsync(client, $"/api/job-descriptions/{id}", b => b.GetProperty("status").GetString() == "AwaitingReview", Wait, id);
    }

    private static async Task<string> SnapshotAsync(HttpClient client, IEnumerable<string> ids)
    {
        var parts = new List<string>();
        foreach (var id in ids)
        {
            var jd = await ApiPolling.GetJsonAsync(client, $"/api/job-descriptions/{id}");
            parts.Add(string.Join("|", jd.GetProperty("status").GetRawText(), jd.GetProperty("versions").GetRawText(),
                jd.TryGetProperty("approvedVersion", out var v) ? v.GetRawText() : "-", jd.TryGetProperty("approvedBy", out var by) ? by.GetRawText() : "-"));
        }

        return string.Join("\n", parts);
    }

    private static async Task<JsonElement> ProblemAsync(HttpClient client, object body, string expected)
    {
        using var response = await ApiPolling.PostJsonAsync(client, Path, body);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public async Task Concurrent_starts_create_one_replay_that_shows_progress_and_reports_hand_counted_pass_rates_without_touching_the_drafts()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "dr-1", "Build and run services");
        await DraftAsync(client, "dr-2", "Be a rockstar ninja on call"); // the offline engine rewrites this into inclusive wording
        await DraftAsync(client, "dr-3", "Keep the platform healthy");
        using (var approve = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions/dr-1/review", new JobDescriptionReviewRequest(JobDescriptionReviewDecision.Approve, 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        }

        await ApiPolling.WaitUntilAsync(client, "/api/job-descriptions/dr-1", b => b.GetProperty("status").GetString() == "Approved", Wait, "dr-1 approved");
        string[] ids = ["dr-1", "dr-2", "dr-3"];
        var before = await SnapshotAsync(client, ids);

        // Hand count from the stored versions' findings (one version each): which pass each check.
        var inclusive = 0;
        var sections = 0;
        foreach (var id in ids)
        {
            var checks = (await ApiPolling.GetJsonAsync(client, $"/api/job-descriptions/{id}")).GetProperty("versions")[0].GetProperty("findings").EnumerateArray()
                .Select(f => f.GetProperty("check").GetString()).ToHashSet();
            inclusive += checks.Contains("inclusive-language") ? 0 : 1;
            sections += checks.Contains("required-sections") ? 0 : 1;
        }

        Assert.Equal((3, 3), (inclusive, sections)); // the offline engine's drafts pass both checks (varied rates: DraftingReplayTests, scripted)

        factory.Gated = true;
        try
        {
            // Six hosts' worth of starts at the same instant, ids in any order, target in any case: one replay.
            string[][] orders = [["dr-1", "dr-2", "dr-3"], ["dr-3", "dr-1", "dr-2"], ["dr-2", "dr-3", "dr-1"]];
            var starts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                ApiPolling.PostJsonAsync(client, Path, new { jobDescriptionIds = orders[i % 3], target = new { provider = i % 2 == 0 ? "local2" : "LOCAL2", model = "hr-rules-v1" } })));
            var replayIds = new HashSet<string>();
            foreach (var start in starts)
            {
                Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
                var accepted = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal("Drafting", accepted.GetProperty("kind").GetString());
                replayIds.Add(accepted.GetProperty("replayId").GetString()!);
                Assert.Equal($"/api/migrations/replays/{accepted.GetProperty("replayId").GetString()}", start.Headers.Location!.ToString());
                start.Dispose();
            }

            var replayId = Assert.Single(replayIds);
            var statusPath = $"/api/migrations/replays/{replayId}";

            factory.Permits.Release(1);
            var running = await ApiPolling.WaitUntilAsync(client, statusPath, b => b.GetProperty("progress").GetProperty("done").GetInt32() == 1, Wait, "one version replayed");
            Assert.Equal(("Running", 3, 0), (running.GetProperty("status").GetString(), running.GetProperty("progress").GetProperty("total").GetInt32(), running.GetProperty("progress").GetProperty("failed").GetInt32()));
            Assert.Equal(JsonValueKind.Null, running.TryGetProperty("batchId", out var batch) ? batch.ValueKind : JsonValueKind.Null);
            Assert.Equal("[\"dr-1\",\"dr-2\",\"dr-3\"]", running.GetProperty("drafting").GetProperty("jobDescriptionIds").GetRawText());
            var partial = await ApiPolling.GetJsonAsync(client, statusPath + "/report");
            Assert.False(partial.GetProperty("complete").GetBoolean());
            Assert.False(partial.GetProperty("safeToSwitch").GetBoolean());

            factory.Permits.Release(2);
            var done = await ApiPolling.WaitUntilAsync(client, statusPath, b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "drafting replay");
            Assert.Equal(("Completed", 3, 3, 0), (done.GetProperty("status").GetString(), done.GetProperty("progress").GetProperty("done").GetInt32(),
                done.GetProperty("progress").GetProperty("total").GetInt32(), done.GetProperty("progress").GetProperty("failed").GetInt32()));
            Assert.Equal(("local2/hr-rules-v1", "hr.draft-job-description", "Drafting"), (done.GetProperty("target").GetString(), done.GetProperty("function").GetString(), done.GetProperty("kind").GetString()));

            var report = await ApiPolling.GetJsonAsync(client, statusPath + "/report");
            Assert.Equal(("drafting-replay", "drafting", "local/hr-rules-v1", "local2/hr-rules-v1"),
                (report.GetProperty("kind").GetString(), report.GetProperty("route").GetString(), report.GetProperty("primary").GetString(), report.GetProperty("candidate").GetString()));
            var drafting = report.GetProperty("drafting");
            Assert.Equal(3, drafting.GetProperty("drafts").GetInt32());
            foreach (var side in new[] { drafting.GetProperty("primary"), drafting.GetProperty("candidate") })
            {
                // The candidate is the same offline engine: the same drafts, so the same hand-counted rates.
                Assert.Equal((inclusive, sections, 3), (side.GetProperty("inclusiveLanguagePassed").GetInt32(), side.GetProperty("requiredSectionsPassed").GetInt32(), side.GetProperty("valid").GetInt32()));
                Assert.Equal(1.0, side.GetProperty("inclusiveLanguagePassRate").GetDouble());
                Assert.Equal(1.0, side.GetProperty("requiredSectionsPassRate").GetDouble());
            }

            Assert.Equal((1.0, 1.0), (drafting.GetProperty("inclusiveLanguageAgreement").GetDouble(), drafting.GetProperty("requiredSectionsAgreement").GetDouble()));
            var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("setting").GetString()!["AiFunctions:Migration:Thresholds:".Length..]);
            Assert.Equal((true, 0.0, true), (checks["MaxInclusiveLanguagePassRateDrop"].GetProperty("checked").GetBoolean(), checks["MaxInclusiveLanguagePassRateDrop"].GetProperty("measured").GetDouble(), checks["MaxInclusiveLanguagePassRateDrop"].GetProperty("passed").GetBoolean()));
            Assert.False(checks["MinKendallTau"].GetProperty("checked").GetBoolean());
            Assert.Equal((3.0, false), (checks["MinPairs"].GetProperty("measured").GetDouble(), checks["MinPairs"].GetProperty("passed").GetBoolean())); // the host asks for 5
            Assert.False(report.GetProperty("safeToSwitch").GetBoolean());
            Assert.Contains("MinPairs", report.GetProperty("verdict").GetString(), StringComparison.Ordinal);

            using var markdown = await client.GetAsync(new Uri(statusPath + "/report?format=markdown", UriKind.Relative));
            var text = await markdown.Content.ReadAsStringAsync();
            Assert.StartsWith("# Migration report: local/hr-rules-v1 → local2/hr-rules-v1", text, StringComparison.Ordinal);
            Assert.Contains("## Drafting checks", text, StringComparison.Ordinal);
            Assert.Contains("| inclusive language passed | 3 (1) | 3 (1) |", text, StringComparison.Ordinal);

            Assert.Equal(before, await SnapshotAsync(client, ids));
        }
        finally
        {
            factory.Gated = false;
            factory.Permits.Release(100);
        }
    }

    [Fact]
    public async Task A_window_selects_the_tenants_job_descriptions_last_updated_in_it_and_an_empty_window_is_a_400()
    {
        using var client = factory.CreateAuthorizedClient();
        using var other = factory.CreateClientFor("other");
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        await DraftAsync(client, "dw-1", "Run the build farm");
        await DraftAsync(other, "dw-theirs", "Run their build farm");

        using var start = await ApiPolling.PostJsonAsync(client, Path, new { updatedFrom = from, target = new { provider = "local2", model = "hr-rules-v1" } });
        await ApiPolling.AssertAcceptedAsync(start);
        var id = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString()!;
        var done = await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{id}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "window replay");

        var selected = done.GetProperty("drafting").GetProperty("jobDescriptionIds").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("dw-1", selected);
        Assert.DoesNotContain("dw-theirs", selected);
        Assert.Equal(from, done.GetProperty("drafting").GetProperty("updatedFrom").GetDateTimeOffset());
        Assert.Equal("Completed", done.GetProperty("status").GetString());

        await ProblemAsync(client, new { updatedFrom = "2020-01-01T00:00:00Z", updatedTo = "2020-02-01T00:00:00Z", target = new { provider = "local2", model = "hr-rules-v1" } },
            "updatedFrom..updatedTo (2020-01-01T00:00:00.0000000+00:00 to 2020-02-01T00:00:00.0000000+00:00) holds no job descriptions of tenant");
    }

    [Fact]
    public async Task A_window_holding_more_than_200_job_descriptions_or_only_versions_without_a_kept_request_is_a_400()
    {
        await using var host = new MigrationHostFactory(); // its own store: 201 job descriptions stay out of the other tests
        using var client = host.CreateAuthorizedClient();
        var store = host.Services.GetRequiredService<AiFunctions.Workflows.Storage.IScreeningStore>();
        var now = DateTimeOffset.UtcNow;
        var provenance = new AiFunctionProvenance("hr.draft-job-description", "1", "drafting", "local", "local", "1.0.0", "hr-rules-v1", true, 1, false, now);
        var draft = new JobDescriptionDraft("T", "S", ["R"], ["Q"], [], "B", "E", "# T");
        async Task SeedAsync(string id, bool keepRequest, DateTimeOffset at)
        {
            var key = $"{InMemoryHostFactory.Tenant}.{id}";
            await store.UpsertJobDescriptionVersionAsync(InMemoryHostFactory.Tenant, new AiFunctions.Workflows.Storage.JobDescriptionVersion(key, 1, draft, [], provenance, at,
                Request: keepRequest ? new JobDescriptionRequest("T", "D", "L", "F", ["R"], ["Q"], []) : null));
            await store.SetJobDescriptionStatusAsync(key, InMemoryHostFactory.Tenant, JobDescriptionStatus.AwaitingReview, at);
        }

        var target = new { provider = "local2", model = "hr-rules-v1" };
        await SeedAsync("old-1", keepRequest: false, now.AddDays(-30));
        await SeedAsync("old-2", keepRequest: false, now.AddDays(-30));
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "old-1", "old-2" }, target }, "jobDescriptionIds: none of the 2 job descriptions has a stored version that kept its drafting request");

        for (var i = 0; i < 201; i++)
        {
            await SeedAsync($"bulk-{i:D3}", keepRequest: true, now.AddDays(-2));
        }

        await ProblemAsync(client, new { updatedFrom = now.AddDays(-3), target }, "holds more than 200 job descriptions: narrow the window, or list up to 200 jobDescriptionIds");
        Assert.Empty(await host.Services.GetRequiredService<AiFunctions.Workflows.Migration.IReplayStore>().ListUnfinishedAsync()); // nothing was created
    }

    [Fact]
    public async Task Bad_selections_get_problem_details_naming_the_field_and_the_fix()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "db-1", "Operate the service");
        var target = new { provider = "local2", model = "hr-rules-v1" };

        await ProblemAsync(client, new { target }, "Choose the drafting requests to replay: jobDescriptionIds");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1" }, updatedFrom = DateTimeOffset.UtcNow.AddDays(-1), target }, "jobDescriptionIds and updatedFrom/updatedTo are both given");
        await ProblemAsync(client, new { jobDescriptionIds = Array.Empty<string>(), target }, "jobDescriptionIds has 0 ids: give 1-200");
        await ProblemAsync(client, new { jobDescriptionIds = Enumerable.Range(0, 201).Select(i => $"db-{i}").ToArray(), target }, "jobDescriptionIds has 201 ids: give 1-200");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1", "../etc" }, target }, "jobDescriptionIds holds invalid ids ('../etc')");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1", null }, target }, "jobDescriptionIds holds invalid ids (null)");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1", "db-1" }, target }, "jobDescriptionIds lists 'db-1' more than once");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1", "db-nope" }, target }, "jobDescriptionIds: 1 of them ('db-nope') are not job descriptions of tenant 'contoso'");
        var many = await ProblemAsync(client, new { jobDescriptionIds = Enumerable.Range(0, 200).Select(i => $"nope-{i}").ToArray(), target }, "jobDescriptionIds: 200 of them");
        Assert.Contains(", …)", many.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(client, new { updatedTo = DateTimeOffset.UtcNow, target }, "updatedTo is given without updatedFrom");
        await ProblemAsync(client, new { updatedFrom = DateTimeOffset.UtcNow, updatedTo = DateTimeOffset.UtcNow.AddDays(-1), target }, "is not before updatedTo");
        await ProblemAsync(client, new { updatedFrom = DateTimeOffset.UtcNow.AddDays(-100), target }, "give at most 92 days");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1" }, target = new { provider = "nope", model = "x" } }, "target.provider 'nope'");
        await ProblemAsync(client, new { jobDescriptionIds = new[] { "db-1" } }, "target needs provider and model");

        using var badDate = await ApiPolling.PostJsonAsync(client, Path, new { updatedFrom = "yesterday", target });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("updatedFrom", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var notAList = await ApiPolling.PostJsonAsync(client, Path, new { jobDescriptionIds = "db-1", target });
        Assert.Equal(HttpStatusCode.BadRequest, notAList.StatusCode);
        Assert.Contains("jobDescriptionIds", await notAList.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var submitter = factory.CreateClientFor("submitter");
        using var forbidden = await ApiPolling.PostJsonAsync(submitter, Path, new { jobDescriptionIds = new[] { "db-1" }, target });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_replay_no_host_is_running_is_cancelled_at_once_and_can_be_started_again()
    {
        using var client = factory.CreateAuthorizedClient();
        using var other = factory.CreateClientFor("other");
        await DraftAsync(client, "dc-1", "Keep the lights on");
        var store = factory.Services.GetRequiredService<AiFunctions.Workflows.Migration.IReplayStore>();
        var now = DateTimeOffset.UtcNow;
        // Queued and never handed to the queue (as after a crash before any host picked it up).
        var queued = new AiFunctions.Workflows.Migration.ReplayRecord("rpl-" + Guid.NewGuid().ToString("N"), InMemoryHostFactory.Tenant, null, null, "local2/hr-rules-v1",
            "hr.draft-job-description", "1", "ops", AiFunctions.Workflows.Migration.ReplayStatus.Queued, 1, 0, now, now,
            Kind: AiFunctions.Workflows.Migration.ReplayKind.Drafting, Drafting: new AiFunctions.Workflows.Migration.DraftingSelection(["dc-1"], now));
        var key = AiFunctions.Workflows.Migration.ReplayStartKeys.Drafting(InMemoryHostFactory.Tenant, ["dc-1"], "local2/hr-rules-v1");
        Assert.True((await store.CreateAsync(queued with { StartKey = key }, key)).Created);
        var cancelPath = $"/api/migrations/replays/{queued.ReplayId}/cancel";

        using (var theirs = await other.PostAsync(new Uri(cancelPath, UriKind.Relative), null))
        {
            await ProblemAssert.IsProblemAsync(theirs, HttpStatusCode.NotFound, "not-found");
        }

        using (var cancel = await client.PostAsync(new Uri(cancelPath, UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            Assert.Equal("Cancelled", JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        var status = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{queued.ReplayId}");
        Assert.Equal("Cancelled", status.GetProperty("status").GetString());
        var report = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{queued.ReplayId}/report");
        Assert.Contains("cancelled after 0 of 1 items", report.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        using (var twice = await client.PostAsync(new Uri(cancelPath, UriKind.Relative), null))
        {
            await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "replay-ended");
        }

        using (var unknown = await client.PostAsync(new Uri("/api/migrations/replays/rpl-nope/cancel", UriKind.Relative), null))
        {
            await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
        }

        using var restart = await ApiPolling.PostJsonAsync(client, Path, new { jobDescriptionIds = new[] { "dc-1" }, target = new { provider = "local2", model = "hr-rules-v1" } });
        await ApiPolling.AssertAcceptedAsync(restart);
        var restarted = JsonDocument.Parse(await restart.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString()!;
        Assert.NotEqual(queued.ReplayId, restarted);
        var done = await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{restarted}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "restarted replay");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_tenant_can_neither_replay_these_drafts_nor_read_the_replay()
    {
        using var client = factory.CreateAuthorizedClient();
        using var other = factory.CreateClientFor("other");
        await DraftAsync(client, "dt-1", "Own the CI");
        var target = new { provider = "local2", model = "hr-rules-v1" };

        await ProblemAsync(other, new { jobDescriptionIds = new[] { "dt-1" }, target }, "jobDescriptionIds: 1 of them ('dt-1') are not job descriptions of tenant 'fabrikam'");

        using var start = await ApiPolling.PostJsonAsync(client, Path, new { jobDescriptionIds = new[] { "dt-1" }, target });
        await ApiPolling.AssertAcceptedAsync(start);
        var id = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString()!;
        await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{id}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "replay");

        using var status = await other.GetAsync(new Uri($"/api/migrations/replays/{id}", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(status, HttpStatusCode.NotFound, "not-found");
        using var report = await other.GetAsync(new Uri($"/api/migrations/replays/{id}/report", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(report, HttpStatusCode.NotFound, "not-found");
        using var startRow = await client.GetAsync(new Uri("/api/migrations/replays/start-0123", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(startRow, HttpStatusCode.NotFound, "not-found");
    }
}
