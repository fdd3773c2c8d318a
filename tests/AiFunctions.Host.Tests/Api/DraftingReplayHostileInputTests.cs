using System.Net;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Workflows.Drafting;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Drafting replays attacked from outside: every malformed or hostile body, id, window and role gets a 4xx problem whose
/// detail names the field (never a 5xx), and nothing of another tenant is visible or changed.
/// </summary>
public sealed class DraftingReplayHostileInputTests(MigrationHostFactory factory) : IClassFixture<MigrationHostFactory>
{
    private const string Path = "/api/migrations/drafting-replays";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static Task DraftAsync(HttpClient client, string id) => DraftingReplayApiTests.DraftAsync(client, id, "Run services");

    private static async Task<(HttpStatusCode Status, string Body)> PostRawAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_hostile_body_is_a_4xx_problem_naming_the_field()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "hx-1");
        const string target = "\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\"}";
        string[] bodies =
        [
            "[]", "\"x\"", "123", "null", "{", "{}", "{\"jobDescriptionIds\":[1,2]," + target + "}",
            "{\"jobDescriptionIds\":{\"a\":1}," + target + "}", "{\"jobDescriptionIds\":[[\"hx-1\"]]," + target + "}",
            "{\"updatedFrom\":123," + target + "}", "{\"updatedFrom\":true," + target + "}", "{\"updatedFrom\":\"\"," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":\"local2\"}", "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":{\"provider\":1,\"model\":2}}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":[]}", "{\"jobDescriptionIds\":[\"hx-1\"]," + target + "} trailing",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"jobDescriptionIds\":[\"hx-1\"]," + target + "}",
            "{\"jobDescriptionIds\":[\"" + new string('a', 65) + "\"]," + target + "}",
            "{\"jobDescriptionIds\":[\"" + new string('a', 100_000) + "\"]," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1\",\"HX-1\"]," + target + "}",
            "{\"jobDescriptionIds\":[\"h\u00e9-1\"]," + target + "}", "{\"jobDescriptionIds\":[\" hx-1\"]," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1 \"]," + target + "}", "{\"jobDescriptionIds\":[\"\"]," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1\\u0000\"]," + target + "}", "{\"jobDescriptionIds\":[\"\\ud800\"]," + target + "}",
            "{\"updatedFrom\":\"0001-01-01T00:00:00+14:00\"," + target + "}", "{\"updatedFrom\":\"9999-12-31T23:59:59Z\"," + target + "}",
            "{\"updatedFrom\":\"9999-10-01T00:00:00Z\",\"updatedTo\":\"9999-12-31T23:59:59.9999999Z\"," + target + "}",
            "{\"updatedFrom\":\"9999-12-01T00:00:00Z\",\"updatedTo\":\"9999-12-31T23:59:59-01:00\"," + target + "}",
            "{\"updatedFrom\":\"0001-01-01T00:00:00Z\",\"updatedTo\":\"0001-01-02T00:00:00Z\"," + target + "}",
            "{\"updatedFrom\":\"0001-01-01T00:00:00Z\",\"updatedTo\":\"9999-12-31T23:59:59Z\"," + target + "}",
            "{\"updatedFrom\":\"2026-01-01T00:00:00Z\",\"updatedTo\":\"2026-01-01T00:00:00Z\"," + target + "}",
            "{\"updatedFrom\":\"2026-01-01T00:00:00+05:00\",\"updatedTo\":\"2026-01-01T00:00:00Z\"," + target + "}",
            "{\"updatedFrom\":\"2026-01-01T00:00:00Z\",\"updatedTo\":\"2026-04-03T00:00:00Z\"," + target + "}",
            "{\"updatedFrom\":\"2026-01-01\"," + target + "}", "{\"updatedFrom\":\"2026-13-01T00:00:00Z\"," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":{\"provider\":\"local2\",\"model\":\"nope\"}}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":{\"provider\":\" \",\"model\":\"hr-rules-v1\"}}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":{\"provider\":\"" + new string('p', 100_000) + "\",\"model\":\"hr-rules-v1\"}}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\",\"extra\":1}}",
            "{\"updatedFrom\":\"2026-11-01T00:00:00Z\",\"updatedUntil\":\"2026-11-02T00:00:00Z\"," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"jobDescriptionId\":\"hx-2\"," + target + "}",
            "{\"jobDescriptionIds\":[\"hx-1\"],\"target\":{\"provider\":\"local\",\"model\":\"hr-rules-v1\"}}",
        ];
        var faults = new List<string>();
        foreach (var body in bodies)
        {
            var (status, text) = await PostRawAsync(client, Path, body);
            var shown = body.Length > 120 ? body[..120] + "…" : body;
            if ((int)status is < 400 or >= 500)
            {
                faults.Add($"{(int)status} for {shown}: {(text.Length > 300 ? text[..300] : text)}");
            }
            else if (!text.Contains("\"detail\"", StringComparison.Ordinal) || text.Length > 4000)
            {
                faults.Add($"{(int)status} without a short detail for {shown}: {(text.Length > 300 ? text[..300] : text)}");
            }
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task A_field_the_body_does_not_have_is_a_400_naming_it_never_silently_dropped()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "hk-1");
        var from = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        // A misspelt updatedTo must not widen the window to now; a misspelt key in target must not be ignored.
        foreach (var (body, field) in new[]
        {
            ("{\"updatedFrom\":\"" + from + "\",\"updatedUntil\":\"" + from + "\",\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\"}}", "$.updatedUntil"),
            ("{\"jobDescriptionIds\":[\"hk-1\"],\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\",\"deployment\":\"x\"}}", "$.target.deployment"),
            ("{\"jobDescriptionIds\":[\"hk-1\"],\"jobDescriptionId\":\"hk-2\",\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\"}}", "$.jobDescriptionId"),
        })
        {
            var (status, text) = await PostRawAsync(client, Path, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
            Assert.Contains($"'{field}'", detail, StringComparison.Ordinal);
            Assert.Contains("does not exist here", detail, StringComparison.Ordinal);
        }

        var unfinished = await factory.Services.GetRequiredService<AiFunctions.Workflows.Migration.IReplayStore>().ListUnfinishedAsync();
        Assert.DoesNotContain(unfinished, r => r.Drafting?.JobDescriptionIds.Contains("hk-1") == true); // nothing was started
    }

    [Fact]
    public async Task A_target_every_selected_version_was_drafted_on_is_a_400_but_a_mixed_selection_is_replayed()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "hs-1");
        foreach (var provider in new[] { "local", "LOCAL" })
        {
            var (status, text) = await PostRawAsync(client, Path, "{\"jobDescriptionIds\":[\"hs-1\"],\"target\":{\"provider\":\"" + provider + "\",\"model\":\"HR-RULES-V1\"}}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("target 'local/hr-rules-v1' is the target every selected version was drafted on", JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // One version drafted elsewhere (seeded on local2): local is then a real candidate for part of the selection.
        var store = factory.Services.GetRequiredService<AiFunctions.Workflows.Storage.IScreeningStore>();
        var now = DateTimeOffset.UtcNow;
        var provenance = new AiFunctions.Kernel.Functions.AiFunctionProvenance("hr.draft-job-description", "1", "drafting", "local2", "local", "1.0.0", "hr-rules-v1", true, 1, false, now);
        var key = $"{InMemoryHostFactory.Tenant}.hs-2";
        await store.UpsertJobDescriptionVersionAsync(InMemoryHostFactory.Tenant, new AiFunctions.Workflows.Storage.JobDescriptionVersion(key, 1,
            new JobDescriptionDraft("T", "S", ["R"], ["Q"], [], "B", "E", "# T"), [], provenance, now, Request: new JobDescriptionRequest("T", "D", "L", "F", ["R"], ["Q"], [])));
        await store.SetJobDescriptionStatusAsync(key, InMemoryHostFactory.Tenant, JobDescriptionStatus.AwaitingReview, now);
        var (mixed, body) = await PostRawAsync(client, Path, "{\"jobDescriptionIds\":[\"hs-1\",\"hs-2\"],\"target\":{\"provider\":\"local\",\"model\":\"hr-rules-v1\"}}");
        Assert.True(mixed == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("replayId").GetString()!;
        await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{id}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "mixed replay");
    }

    /// <summary>
    /// A window given without an offset is UTC, like every other date and time the API reads, never the host's local
    /// time zone (System.Text.Json's default): the same body selects the same drafts on every host. Fails without the
    /// fix under a non-UTC TZ (e.g. <c>TZ=Asia/Kolkata dotnet test --filter …</c>).
    /// </summary>
    [Fact]
    public async Task A_window_without_an_offset_is_read_as_utc_whatever_the_hosts_time_zone()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "hz-1");
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        var to = DateTimeOffset.UtcNow.AddMinutes(10);
        var text = "{\"updatedFrom\":\"" + from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            + "\",\"updatedTo\":\"" + to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            + "\",\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\"}}";
        var (status, body) = await PostRawAsync(client, Path, text);
        Assert.True(status == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("replayId").GetString()!;
        var replay = await ApiPolling.GetJsonAsync(client, $"/api/migrations/replays/{id}");
        var selection = replay.GetProperty("drafting");
        Assert.Equal(TimeSpan.Zero, selection.GetProperty("updatedFrom").GetDateTimeOffset().Offset);
        Assert.Equal(new DateTimeOffset(from.UtcDateTime.Ticks - (from.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero), selection.GetProperty("updatedFrom").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(to.UtcDateTime.Ticks - (to.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero), selection.GetProperty("updatedTo").GetDateTimeOffset());
        Assert.Contains("hz-1", selection.GetProperty("jobDescriptionIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Roles_and_other_tenants_are_kept_out_of_start_read_report_and_cancel()
    {
        using var client = factory.CreateAuthorizedClient();
        await DraftAsync(client, "hr-1");
        var body = new { jobDescriptionIds = new[] { "hr-1" }, target = new { provider = "local2", model = "hr-rules-v1" } };
        using var start = await ApiPolling.PostJsonAsync(client, Path, body);
        await ApiPolling.AssertAcceptedAsync(start);
        var id = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("replayId").GetString()!;
        await ApiPolling.WaitUntilAsync(client, $"/api/migrations/replays/{id}", b => b.GetProperty("status").GetString() is "Completed" or "Failed", Wait, "replay");
        var faults = new List<string>();
        foreach (var principal in new[] { "reviewer", "auditor", "submitter", "serviceoperator", "serviceauditor" })
        {
            using var c = factory.CreateClientFor(principal);
            using var s = await ApiPolling.PostJsonAsync(c, Path, body);
            using var g = await c.GetAsync(new Uri($"/api/migrations/replays/{id}", UriKind.Relative));
            using var r = await c.GetAsync(new Uri($"/api/migrations/replays/{id}/report?format=markdown", UriKind.Relative));
            using var x = await c.PostAsync(new Uri($"/api/migrations/replays/{id}/cancel", UriKind.Relative), null);
            foreach (var (what, resp) in new[] { ("start", s), ("get", g), ("report", r), ("cancel", x) })
            {
                if (resp.StatusCode != HttpStatusCode.Forbidden)
                {
                    faults.Add($"{principal} {what}: {(int)resp.StatusCode}");
                }
            }
        }

        using var anonymous = factory.CreateClient();
        using (var a = await anonymous.GetAsync(new Uri($"/api/migrations/replays/{id}", UriKind.Relative)))
        {
            if (a.StatusCode != HttpStatusCode.Unauthorized) faults.Add($"anonymous get: {(int)a.StatusCode}");
        }

        using var other = factory.CreateClientFor("other");
        foreach (var path in new[] { $"/api/migrations/replays/{id}", $"/api/migrations/replays/{id}/report", $"/api/migrations/replays/{id}/report?format=markdown" })
        {
            using var resp = await other.GetAsync(new Uri(path, UriKind.Relative));
            var text = await resp.Content.ReadAsStringAsync();
            if (resp.StatusCode != HttpStatusCode.NotFound || text.Contains("hr-1", StringComparison.Ordinal)) faults.Add($"other {path}: {(int)resp.StatusCode} {text}");
        }

        using (var oc = await other.PostAsync(new Uri($"/api/migrations/replays/{id}/cancel", UriKind.Relative), null))
        {
            if (oc.StatusCode != HttpStatusCode.NotFound) faults.Add($"other cancel: {(int)oc.StatusCode}");
        }

        // Mixed ids: the other tenant's own id beside ours must read exactly like an unknown id.
        await DraftAsync(other, "hr-theirs");
        var (s1, t1) = await PostRawAsync(client, Path, "{\"jobDescriptionIds\":[\"hr-1\",\"hr-theirs\"],\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\"}}");
        var (s2, t2) = await PostRawAsync(client, Path, "{\"jobDescriptionIds\":[\"hr-1\",\"hr-nobody\"],\"target\":{\"provider\":\"local2\",\"model\":\"hr-rules-v1\"}}");
        static string Detail(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString()!;
        if (s1 != s2 || Detail(t1).Replace("hr-theirs", "X", StringComparison.Ordinal) != Detail(t2).Replace("hr-nobody", "X", StringComparison.Ordinal)) faults.Add($"mixed ids differ: {t1} vs {t2}");

        foreach (var bad in new[] { new string('z', 5000), "rpl-%F0%9F%98%80", "rpl-..%2F..", "%20rpl-x" })
        {
            using var g = await client.GetAsync(new Uri($"/api/migrations/replays/{bad}/report", UriKind.Relative));
            using var x = await client.PostAsync(new Uri($"/api/migrations/replays/{bad}/cancel", UriKind.Relative), null);
            foreach (var resp in new[] { g, x })
            {
                var text = await resp.Content.ReadAsStringAsync();
                if ((int)resp.StatusCode is < 400 or >= 500 || text.Length > 2000) faults.Add($"id {bad[..Math.Min(20, bad.Length)]}: {(int)resp.StatusCode} len {text.Length}");
            }
        }

        using (var done = await client.PostAsync(new Uri($"/api/migrations/replays/{id}/cancel", UriKind.Relative), null))
        {
            if (done.StatusCode != HttpStatusCode.Conflict) faults.Add($"cancel finished: {(int)done.StatusCode}");
        }

        using (var fmt = await client.GetAsync(new Uri($"/api/migrations/replays/{id}/report?format=<script>", UriKind.Relative)))
        {
            var text = await fmt.Content.ReadAsStringAsync();
            if (fmt.StatusCode != HttpStatusCode.BadRequest) faults.Add($"format: {(int)fmt.StatusCode} {text}");
        }

        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }
}
