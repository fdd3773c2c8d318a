using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// DELETE /api/candidates/{candidateId}: one candidate's personal data leaves every store of the caller's tenant — resume,
/// name, evidence, self-identified categories, the finished batch's orchestration history — idempotently, recorded
/// without personal data, and nothing of another candidate or another tenant is touched.
/// </summary>
public sealed class ErasureTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    private const string Erased = "cand-0002";

    [Fact]
    public async Task Erasing_a_candidate_removes_their_personal_data_everywhere_idempotently_and_only_theirs()
    {
        using var client = factory.CreateAuthorizedClient();
        var batchId = "erase-" + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.SerializeToNode(Batches.Create(batchId, 3), Hosting.Api.ApiJson.Options)!.AsObject();
        var candidates = body["candidates"]!.AsArray();
        string[] names = ["Ava Keep", "Zora Erasure", "Liam Keep"];
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i]!.AsObject()["displayName"] = names[i];
            candidates[i]!.AsObject()["resumeText"] = $"{names[i]}\nzora.erasure@example.com\n" + Batches.Resume(i + 1);
            candidates[i]!.AsObject()["selfIdentified"] = new JsonObject { ["sex"] = i == 1 ? "Female" : "Male", ["raceEthnicity"] = "White" };
        }

        using (var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", body))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        await ApiPolling.WaitForStatusAsync(client, batchId, "AwaitingReview", TimeSpan.FromSeconds(60));
        using (var reviewer = factory.CreateClientFor("reviewer"))
        using (var review = await ApiPolling.PostJsonAsync(reviewer, $"/api/screenings/{batchId}/review", new { decision = ReviewDecision.Approve }))
        {
            Assert.Equal(HttpStatusCode.Accepted, review.StatusCode);
        }

        await ApiPolling.WaitForStatusAsync(client, batchId, "Approved", TimeSpan.FromSeconds(30));

        // "Approved" is stored before the orchestration publishes its last event and completes: wait for the runtime.
        await ApiPolling.WaitUntilAsync(client, $"/api/screenings/{batchId}", s => s.TryGetProperty("runtimeStatus", out var r) && r.GetString() == "Completed", TimeSpan.FromSeconds(30), "the batch orchestration to complete");
        var before = (await ApiPolling.GetJsonAsync(client, $"/api/screenings/{batchId}/results")).GetRawText();
        Assert.Contains("Zora Erasure", before, StringComparison.Ordinal);

        // Another tenant erasing the same id touches nothing of this tenant.
        using (var other = factory.CreateClientFor("other"))
        {
            var foreign = await DeleteAsync(other, Erased);
            Assert.Empty(foreign.GetProperty("batches").EnumerateArray());
        }

        Assert.Contains("Zora Erasure", (await ApiPolling.GetJsonAsync(client, $"/api/screenings/{batchId}/results")).GetRawText(), StringComparison.Ordinal);

        // A reviewer may not erase (Submitter only).
        using (var reviewer = factory.CreateClientFor("reviewer"))
        using (var forbidden = await reviewer.DeleteAsync(new Uri($"/api/candidates/{Erased}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var submitter = factory.CreateClientFor("submitter");
        var first = await DeleteAsync(submitter, Erased);
        Assert.Equal(batchId, Assert.Single(first.GetProperty("batches").EnumerateArray()).GetString());
        Assert.Equal(1, first.GetProperty("resumesDeleted").GetInt32());
        Assert.Equal(1, first.GetProperty("resultsErased").GetInt32());
        Assert.Equal(1, first.GetProperty("selfIdentifiedRemoved").GetInt32());
        Assert.True(first.GetProperty("instancesPurged").GetInt32() >= 2, first.GetRawText()); // the batch and its chunk
        Assert.Equal(0, first.GetProperty("batchesStillRunning").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("subjectKey").GetString());
        Assert.DoesNotContain(Erased, first.GetRawText(), StringComparison.Ordinal);

        // The results keep the other candidates whole and nothing of the erased one's name, contact or evidence.
        var after = await ApiPolling.GetJsonAsync(client, $"/api/screenings/{batchId}/results");
        var text = after.GetRawText();
        Assert.DoesNotContain("Zora", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zora.erasure@example.com", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Ava Keep", text, StringComparison.Ordinal);
        Assert.Contains("Liam Keep", text, StringComparison.Ordinal);
        var erasedEntry = after.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("candidateId").GetString() == Erased);
        Assert.Equal("[erased]", erasedEntry.GetProperty("displayName").GetString());
        Assert.Equal("Failed", erasedEntry.GetProperty("status").GetString());
        Assert.True(!erasedEntry.TryGetProperty("assessment", out var assessment) || assessment.ValueKind == JsonValueKind.Null, erasedEntry.GetRawText());

        // The audit no longer counts the erased candidate's self-identified categories.
        var audit = await ApiPolling.GetJsonAsync(client, $"/api/screenings/{batchId}/audit");
        Assert.Equal(1, audit.GetProperty("figures").GetProperty("unknownSex").GetInt32());

        // Idempotent: a second erasure finds nothing left.
        var second = await DeleteAsync(submitter, Erased);
        Assert.Equal((0, 0, 0, 0), (second.GetProperty("resumesDeleted").GetInt32(), second.GetProperty("resultsErased").GetInt32(),
            second.GetProperty("selfIdentifiedRemoved").GetInt32(), second.GetProperty("instancesPurged").GetInt32()));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a%2Fb")]
    [InlineData("bad%20id")]
    [InlineData("-leading-dash")]
    public async Task An_id_that_breaks_the_id_rule_is_400_naming_the_field(string id)
    {
        using var submitter = factory.CreateClientFor("submitter");
        using var response = await submitter.DeleteAsync(new Uri("/api/candidates/" + id, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return; // ".." is normalised away by the URL parser: no such route, never a 5xx
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("candidateId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> DeleteAsync(HttpClient client, string candidateId)
    {
        using var response = await client.DeleteAsync(new Uri($"/api/candidates/{candidateId}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
