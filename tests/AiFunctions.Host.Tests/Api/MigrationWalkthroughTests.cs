using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// docs/migration.md's walkthrough, on the offline fakes: the screening route on Azure OpenAI (instance "azure") is
/// shadowed on a model deployed in Azure AI Foundry (instance "foundry", plugin azure-ai-inference), its batch is
/// replayed there, the tenant's drafting requests are replayed there too (a drafting replay), the route is switched with one recorded route change that also makes the old primary the shadow
/// (no restart), and rolled back to the previous version. Both instances talk to the loopback OpenAI-format fake.
/// </summary>
public sealed class MigrationWalkthroughTests : IAsyncLifetime
{
    private const string Foundry = "Mistral-Large-2411";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private FakeOpenAIServer _fake = null!;
    private WalkthroughHostFactory _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeOpenAIServer.StartAsync();
        _host = new WalkthroughHostFactory(_fake.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static async Task ScreenAsync(HttpClient client, string batchId)
    {
        using var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create(batchId, 4));
        await ApiPolling.AssertAcceptedAsync(start);
        await ApiPolling.WaitForStatusAsync(client, batchId, "AwaitingReview", Wait);
    }

    private static async Task<JsonElement> ShadowReportAsync(HttpClient client, DateTimeOffset since)
    {
        await Task.Delay(200); // shadows run after the primary has answered, in the background
        return await ApiPolling.WaitUntilAsync(client, $"/api/migrations/shadows/screening/report?since={Uri.EscapeDataString(since.ToString("o"))}",
            r => r.GetProperty("comparison").GetProperty("pairs").GetInt32() >= 4, Wait, "shadow pairs");
    }

    [Fact]
    public async Task Azure_OpenAI_to_a_Foundry_model_shadow_replay_report_switch_and_rollback_on_the_offline_fakes()
    {
        using var client = _host.CreateAuthorizedClient();
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-1);

        // 1. Shadow: live screening on azure, every call also on foundry.
        await ScreenAsync(client, "walk-1");
        var shadow = await ShadowReportAsync(client, t0);
        Assert.Equal(($"azure/{FakeOpenAIServer.Model}", $"foundry/{Foundry}"), (shadow.GetProperty("primary").GetString(), shadow.GetProperty("candidate").GetString()));
        Assert.Equal(4, shadow.GetProperty("comparison").GetProperty("bothValid").GetInt32());

        // 2. Replay the batch on foundry and read the report.
        using var post = await ApiPolling.PostJsonAsync(client, "/api/migrations/replays", new { batchId = "walk-1", target = new { provider = "foundry", model = Foundry } });
        await ApiPolling.AssertAcceptedAsync(post);
        var id = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString()!;
        var status = await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{id}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "replay");
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        var report = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{id}/report");
        Assert.Equal(($"azure/{FakeOpenAIServer.Model}", $"foundry/{Foundry}"), (report.GetProperty("primary").GetString(), report.GetProperty("candidate").GetString()));
        Assert.Equal(0.0, report.GetProperty("comparison").GetProperty("overall").GetProperty("meanAbsoluteDifference").GetDouble());

        // 2b. Replay the tenant's drafting requests on foundry: the fake drafts in coded wording, so the report shows the
        // inclusive-language pass rate falling from the stored drafts' (local, 1 of 1) to the candidate's (0 of 1): not safe.
        using (var draft = await ApiPolling.PostJsonAsync(client, "/api/job-descriptions", new { jobDescriptionId = "walk-jd", request = new { title = "Platform Engineer", department = "Engineering", location = "Remote", employmentType = "Full-time", responsibilities = new[] { "Run the platform" }, requirements = new[] { "Kubernetes" }, niceToHaves = Array.Empty<string>() } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, draft.StatusCode);
        }

        await ApiPolling.WaitUntilAsync(client, "/api/job-descriptions/walk-jd", b => b.GetProperty("status").GetString() == "AwaitingReview", Wait, "draft");
        using var draftingPost = await ApiPolling.PostJsonAsync(client, "/api/migrations/drafting-replays", new { jobDescriptionIds = new[] { "walk-jd" }, target = new { provider = "foundry", model = Foundry } });
        await ApiPolling.AssertAcceptedAsync(draftingPost);
        var draftingId = JsonDocument.Parse(await draftingPost.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString()!;
        var draftingStatus = await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{draftingId}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "drafting replay");
        Assert.Equal(("Completed", 1, 0), (draftingStatus.GetProperty("status").GetString(), draftingStatus.GetProperty("progress").GetProperty("done").GetInt32(), draftingStatus.GetProperty("progress").GetProperty("failed").GetInt32()));
        var draftingReport = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{draftingId}/report");
        Assert.Equal(("local/hr-rules-v1", $"foundry/{Foundry}"), (draftingReport.GetProperty("primary").GetString(), draftingReport.GetProperty("candidate").GetString()));
        var drafting = draftingReport.GetProperty("drafting");
        Assert.Equal((1.0, 0.0), (drafting.GetProperty("primary").GetProperty("inclusiveLanguagePassRate").GetDouble(), drafting.GetProperty("candidate").GetProperty("inclusiveLanguagePassRate").GetDouble()));
        Assert.Equal((1.0, 1.0), (drafting.GetProperty("primary").GetProperty("requiredSectionsPassRate").GetDouble(), drafting.GetProperty("candidate").GetProperty("requiredSectionsPassRate").GetDouble()));
        Assert.Contains("MaxInclusiveLanguagePassRateDrop", draftingReport.GetProperty("verdict").GetString(), StringComparison.Ordinal);

        // 3. Switch: one recorded route change, foundry first and the old primary as the shadow.
        var current = (await client.GetFromJsonAsync<ManagedRoute>("/api/manage/routes/screening", ApiJson.Options))!;
        var switched =
            "{\"strategy\":\"Failover\",\"targets\":[{\"provider\":\"foundry\",\"model\":\"" + Foundry + "\"}],\"timeout\":\"00:00:30\",\"maxRetries\":1," +
            "\"shadow\":{\"target\":{\"provider\":\"azure\",\"model\":\"" + FakeOpenAIServer.Model + "\"},\"sampleRate\":1}}";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/manage/routes/screening?reason={Uri.EscapeDataString($"migration report {id}")}")
        {
            Content = new StringContent(switched, Encoding.UTF8, "application/json"),
        };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{current.Version}\"");
        using var changed = await client.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var t1 = DateTimeOffset.UtcNow;
        await ScreenAsync(client, "walk-2");
        var after = await ShadowReportAsync(client, t1);
        Assert.Equal(($"foundry/{Foundry}", $"azure/{FakeOpenAIServer.Model}"), (after.GetProperty("primary").GetString(), after.GetProperty("candidate").GetString()));

        // 4. Roll back to the version before the switch.
        using var rollback = await client.PostAsJsonAsync("/api/manage/routes/screening/rollback", new RouteRollbackRequest(current.Version, "rollback drill"), ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var t2 = DateTimeOffset.UtcNow;
        await ScreenAsync(client, "walk-3");
        var back = await ShadowReportAsync(client, t2);
        Assert.Equal(($"azure/{FakeOpenAIServer.Model}", $"foundry/{Foundry}"), (back.GetProperty("primary").GetString(), back.GetProperty("candidate").GetString()));
    }

    private sealed class WalkthroughHostFactory(Uri fake) : MigrationHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Extra => new Dictionary<string, string>
        {
            ["AiFunctions:Providers:azure:Plugin"] = "azure-openai",
            ["AiFunctions:Providers:azure:Endpoint"] = fake.ToString(),
            ["AiFunctions:Providers:azure:ApiKey"] = "azure-test-key",
            ["AiFunctions:Providers:azure:Models:0"] = FakeOpenAIServer.Model,
            ["AiFunctions:Providers:foundry:Plugin"] = "azure-ai-inference",
            ["AiFunctions:Providers:foundry:Endpoint"] = new Uri(fake, "models").ToString(),
            ["AiFunctions:Providers:foundry:ApiKey"] = "foundry-test-key",
            ["AiFunctions:Providers:foundry:Models:0"] = Foundry,
            ["AiFunctions:Routes:screening:Targets:0:Provider"] = "azure",
            ["AiFunctions:Routes:screening:Targets:0:Model"] = FakeOpenAIServer.Model,
            ["AiFunctions:Routes:screening:Shadow:Target:Provider"] = "foundry",
            ["AiFunctions:Routes:screening:Shadow:Target:Model"] = Foundry,
        };
    }
}
