using System.Net;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Migrations through the API (docs/migration.md): a replay of a screened batch on a candidate target runs in the
/// background with progress, leaves the batch's results untouched and yields a report with a verdict; the shadow on
/// the screening route compares every live call; bad input gets problem details naming the field.
/// </summary>
public sealed class MigrationApiTests(MigrationHostFactory factory) : IClassFixture<MigrationHostFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static async Task<string> ScreenAsync(HttpClient client, string batchId, int candidates)
    {
        using var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create(batchId, candidates));
        await ApiPolling.AssertAcceptedAsync(start);
        await ApiPolling.WaitForStatusAsync(client, batchId, "AwaitingReview", Wait);
        return batchId;
    }

    private static async Task<(string Id, JsonElement Status)> ReplayAsync(HttpClient client, string batchId, string provider, string model = "hr-rules-v1")
    {
        using var post = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId, target = new { provider, model } });
        await ApiPolling.AssertAcceptedAsync(post);
        var accepted = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement;
        var id = accepted.GetProperty("replayId").GetString()!;
        Assert.Equal($"/api/migrations/replays/{id}", post.Headers.Location!.ToString());
        var status = await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{id}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, $"replay {id}");
        return (id, status);
    }

    [Fact]
    public async Task A_replay_on_an_equivalent_target_reproduces_the_batch_with_progress_and_leaves_its_results_untouched()
    {
        using var client = factory.CreateAuthorizedClient();
        var batchId = await ScreenAsync(client, "mig-replay", 6);
        // The candidates' results and the shortlist (the decision trail may still gain the workflow's own entries).
        var before = await ApiPolling.GetJsonAsync(client, $"/api/screenings/{batchId}/results");

        var (id, status) = await ReplayAsync(client, batchId, "LOCAL2");

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal((6, 6), (status.GetProperty("progress").GetProperty("done").GetInt32(), status.GetProperty("progress").GetProperty("total").GetInt32()));
        Assert.Equal(("local2/hr-rules-v1", "all-roles-service"), (status.GetProperty("target").GetString(), status.GetProperty("requestedBy").GetString()));
        var after = await ApiPolling.GetJsonAsync(client, $"/api/screenings/{batchId}/results");
        Assert.Equal(before.GetProperty("results").GetRawText(), after.GetProperty("results").GetRawText());
        Assert.Equal(before.GetProperty("shortlist").GetRawText(), after.GetProperty("shortlist").GetRawText());

        var report = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{id}/report");
        var comparison = report.GetProperty("comparison");
        Assert.Equal((6, 6), (comparison.GetProperty("pairs").GetInt32(), comparison.GetProperty("bothValid").GetInt32()));
        Assert.Equal(1.0, comparison.GetProperty("mustHaveAgreement").GetDouble());
        Assert.Equal(0.0, comparison.GetProperty("overall").GetProperty("meanAbsoluteDifference").GetDouble());
        Assert.Equal(1.0, comparison.GetProperty("batch").GetProperty("shortlistJaccard").GetDouble());
        Assert.Equal(1.0, comparison.GetProperty("candidate").GetProperty("schemaValidRate").GetDouble());
        Assert.True(report.GetProperty("complete").GetBoolean());
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("setting").GetString()!);
        Assert.True(checks["AiFunctions:Migration:Thresholds:MinPairs"].GetProperty("passed").GetBoolean());
        Assert.Equal(6, checks["AiFunctions:Migration:Thresholds:MinPairs"].GetProperty("measured").GetDouble());
        Assert.False(checks["AiFunctions:Migration:Thresholds:MaxLatencyP95Ms"].GetProperty("checked").GetBoolean());
        Assert.Equal(checks.Values.Where(c => c.GetProperty("checked").GetBoolean()).All(c => c.GetProperty("passed").GetBoolean()), report.GetProperty("safeToSwitch").GetBoolean());

        using var markdown = await client.GetAsync(new Uri($"/api/migrations/replays/{id}/report?format=markdown", UriKind.Relative));
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith("# Migration report: local/hr-rules-v1 → local2/hr-rules-v1", text, StringComparison.Ordinal);
        Assert.Contains("`AiFunctions:Migration:Thresholds:MinKendallTau`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Test Person", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_another_host_has_claimed_is_left_to_it_and_runs_here_once_the_claim_is_released()
    {
        using var client = factory.CreateAuthorizedClient();
        var batchId = await ScreenAsync(client, "mig-claim", 3);
        var (done, _) = await ReplayAsync(client, batchId, "local2");
        var store = factory.Services.GetRequiredService<AiFunctions.Workflows.Migration.IReplayStore>();
        var queue = factory.Services.GetRequiredService<AiFunctions.Workflows.Migration.ReplayQueue>();
        var template = (await store.GetAsync(done))! with { Status = AiFunctions.Workflows.Migration.ReplayStatus.Queued, Done = 0 };
        var claimed = template with { ReplayId = "rpl-claimed-" + Guid.NewGuid().ToString("N") };
        var free = template with { ReplayId = "rpl-free-" + Guid.NewGuid().ToString("N") };
        await store.SaveAsync(claimed);
        await store.SaveAsync(free);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.TryClaimAsync(claimed.ReplayId, "another-host", now, now.AddHours(1)));

        // The queue runs one replay at a time, in order: when the free one has completed, the claimed one was looked at.
        queue.Enqueue(claimed.ReplayId);
        queue.Enqueue(free.ReplayId);
        await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{free.ReplayId}", b => b.GetProperty("status").GetString() == "Completed", Wait, "free replay");
        Assert.Equal((AiFunctions.Workflows.Migration.ReplayStatus.Queued, 0), ((await store.GetAsync(claimed.ReplayId))!.Status, (await store.GetAsync(claimed.ReplayId))!.Done));
        Assert.Empty(await store.GetCandidatesAsync(claimed.ReplayId));

        await store.ReleaseAsync(claimed.ReplayId, "another-host");
        queue.Enqueue(claimed.ReplayId);
        var status = await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{claimed.ReplayId}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "claimed replay");
        Assert.Equal(("Completed", 3), (status.GetProperty("status").GetString(), status.GetProperty("progress").GetProperty("done").GetInt32()));
        // And its claim is given up at the end, so nothing is left held.
        Assert.True(await store.TryClaimAsync(claimed.ReplayId, "a-third-host", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task A_repeated_start_of_an_unfinished_replay_answers_that_replay_and_a_tenant_cannot_queue_replays_without_limit()
    {
        await using var host = new MigrationHostFactory(); // its own store: the unfinished records below stay out of other tests
        using var client = host.CreateAuthorizedClient();
        await ScreenAsync(client, "mig-dup", 2);
        var (done, _) = await ReplayAsync(client, "mig-dup", "local2");
        var store = host.Services.GetRequiredService<AiFunctions.Workflows.Migration.IReplayStore>();
        var pending = (await store.GetAsync(done))! with { ReplayId = "rpl-pending-" + Guid.NewGuid().ToString("N"), Status = AiFunctions.Workflows.Migration.ReplayStatus.Queued, Done = 0 };
        // Unfinished (not handed to the queue, so it stays Queued), created under the start key of this batch and target.
        Assert.True((await store.CreateAsync(pending, AiFunctions.Workflows.Migration.ReplayStartKeys.Screening(pending.BatchKey!, pending.Target))).Created);

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-dup", target = new { provider = "LOCAL2", model = "hr-rules-v1" } })));

        foreach (var start in starts)
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            Assert.Equal(pending.ReplayId, JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString());
            start.Dispose();
        }

        for (var i = 1; i < AiFunctions.Hosting.Api.MigrationApi.MaxUnfinishedReplays; i++)
        {
            await store.SaveAsync(pending with { ReplayId = $"{pending.ReplayId}-{i}", Target = $"local2/other-{i}" });
        }

        await ScreenAsync(client, "mig-dup2", 1); // another batch: its start key is not one of the unfinished replays
        using var tooMany = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-dup2", target = new { provider = "local2", model = "hr-rules-v1" } });
        var problem = await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.Conflict, "too-many-replays");
        Assert.Contains($"at most {AiFunctions.Hosting.Api.MigrationApi.MaxUnfinishedReplays}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shadow_on_the_screening_route_pairs_every_live_call_without_changing_the_results()
    {
        using var client = factory.CreateAuthorizedClient();
        await ScreenAsync(client, "mig-shadow", 4);

        var results = await ApiPolling.GetJsonAsync(client, "/api/screenings/mig-shadow/results");
        var report = await ApiPolling.WaitUntilAsync(client, "/api/migrations/shadows/screening/report",
            r => r.GetProperty("comparison").GetProperty("pairs").GetInt32() >= 4, Wait, "4 shadow pairs");

        Assert.All(results.GetProperty("results").EnumerateArray(), r => Assert.Equal("local", r.GetProperty("provenance").GetProperty("providerInstance").GetString()));
        Assert.Equal(("shadow", "local2/hr-rules-v1"), (report.GetProperty("kind").GetString(), report.GetProperty("candidate").GetString()));
        var comparison = report.GetProperty("comparison");
        Assert.Equal(0.0, comparison.GetProperty("overall").GetProperty("meanAbsoluteDifference").GetDouble());
        Assert.Equal(1.0, comparison.GetProperty("candidate").GetProperty("schemaValidRate").GetDouble());
        Assert.False(comparison.TryGetProperty("batch", out _)); // null (shadow pairs have no shortlist), left out of the JSON
    }

    [Fact]
    public async Task A_shadow_report_compares_the_callers_tenants_pairs_only()
    {
        using var client = factory.CreateAuthorizedClient();
        await ScreenAsync(client, "mig-shadow-tenant", 3);
        await ApiPolling.WaitUntilAsync(client, "/api/migrations/shadows/screening/report",
            r => r.GetProperty("comparison").GetProperty("pairs").GetInt32() >= 3, Wait, "3 shadow pairs");

        using var other = factory.CreateClientFor("other");
        var theirs = await ApiPolling.GetJsonAsync(other, "/api/migrations/shadows/screening/report");

        Assert.Equal(0, theirs.GetProperty("comparison").GetProperty("pairs").GetInt32());
        Assert.Equal("none yet", theirs.GetProperty("primary").GetString());
    }

    [Fact]
    public async Task Bad_replay_requests_get_problem_details_naming_the_field()
    {
        using var client = factory.CreateAuthorizedClient();
        await ScreenAsync(client, "mig-bad", 2);

        using var unknownTarget = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-bad", target = new { provider = "nope", model = "x" } });
        Assert.Contains("target.provider 'nope'", (await ProblemAssert.IsProblemAsync(unknownTarget, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var unknownModel = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-bad", target = new { provider = "local2", model = "gpt-9" } });
        Assert.Contains("target.model 'gpt-9'", (await ProblemAssert.IsProblemAsync(unknownModel, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var noTarget = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-bad" });
        Assert.Contains("target needs provider and model", (await ProblemAssert.IsProblemAsync(noTarget, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var unknownBatch = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "no-such-batch", target = new { provider = "local2", model = "hr-rules-v1" } });
        Assert.Contains("batchId 'no-such-batch'", (await ProblemAssert.IsProblemAsync(unknownBatch, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var badId = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "../x", target = new { provider = "local2", model = "hr-rules-v1" } });
        Assert.Contains("batchId is missing or invalid", (await ProblemAssert.IsProblemAsync(badId, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var sameTarget = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-bad", target = new { provider = "LOCAL", model = "hr-rules-v1" } });
        Assert.Contains("target 'local/hr-rules-v1' is the target batch 'mig-bad' was screened on", (await ProblemAssert.IsProblemAsync(sameTarget, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var misspelt = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "mig-bad", target = new { provider = "local2", model = "hr-rules-v1", modelVersion = "2" } });
        Assert.Contains("'$.target.modelVersion'", (await ProblemAssert.IsProblemAsync(misspelt, HttpStatusCode.BadRequest, "malformed-json")).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (id, _) = await ReplayAsync(client, "mig-bad", "local2");
        using var badFormat = await client.GetAsync(new Uri($"/api/migrations/replays/{id}/report?format=xml", UriKind.Relative));
        Assert.Contains("format 'xml'", (await ProblemAssert.IsProblemAsync(badFormat, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var other = factory.CreateClientFor("other");
        using var otherTenant = await other.GetAsync(new Uri($"/api/migrations/replays/{id}", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(otherTenant, HttpStatusCode.NotFound, "not-found");
        using var otherReplay = await ApiPolling.PostJsonAsync(other, "/api/migrations/replays", new { batchId = "mig-bad", target = new { provider = "local2", model = "hr-rules-v1" } });
        await ProblemAssert.IsProblemAsync(otherReplay, HttpStatusCode.BadRequest, "validation");
        using var submitter = factory.CreateClientFor("submitter");
        using var forbidden = await ApiPolling.PostJsonAsync(submitter, "/api/migrations/replays", new { batchId = "mig-bad", target = new { provider = "local2", model = "hr-rules-v1" } });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var noShadow = await client.GetAsync(new Uri("/api/migrations/shadows/drafting/report", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(noShadow, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_replay_on_a_generative_target_books_its_tokens_and_the_report_fails_what_it_cannot_measure()
    {
        await using var fake = await FakeOpenAIServer.StartAsync();
        await using var host = new GenerativeTargetHostFactory(fake.BaseAddress);
        using var client = host.CreateAuthorizedClient();
        await ScreenAsync(client, "mig-gen", 5);

        var (id, status) = await ReplayAsync(client, "mig-gen", "fake", FakeOpenAIServer.Model);

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal(5, fake.Calls);
        var report = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{id}/report");
        var candidate = report.GetProperty("comparison").GetProperty("candidate");
        Assert.Equal(5 * 180, candidate.GetProperty("tokens").GetInt64()); // the fake reports 120 + 60 tokens per call
        Assert.False(report.GetProperty("comparison").GetProperty("primary").TryGetProperty("tokens", out _)); // stored results carry no usage
        // The fake scores every resume 78: the candidate's order is constant, so rank correlation cannot be measured,
        // and a checked threshold that cannot be measured fails: never "safe" by default.
        var kendall = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("setting").GetString() == "AiFunctions:Migration:Thresholds:MinKendallTau");
        Assert.False(kendall.TryGetProperty("measured", out _));
        Assert.False(kendall.GetProperty("passed").GetBoolean());
        Assert.False(report.GetProperty("safeToSwitch").GetBoolean());
    }

    /// <summary>The migration host with the fake OpenAI server as instance "fake" (not on any route).</summary>
    private sealed class GenerativeTargetHostFactory(Uri fake) : MigrationHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Extra => new Dictionary<string, string>
        {
            ["AiFunctions:Providers:fake:Plugin"] = "openai",
            ["AiFunctions:Providers:fake:Endpoint"] = new Uri(fake, "v1").ToString(),
            ["AiFunctions:Providers:fake:ApiKey"] = "sk-test-not-a-real-key",
            ["AiFunctions:Providers:fake:Models:0"] = FakeOpenAIServer.Model,
        };
    }
}
