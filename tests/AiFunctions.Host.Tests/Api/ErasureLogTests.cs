using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// GET /api/audits/erasures: an Auditor reads its own tenant's erasure log, newest first and in pages, with candidates
/// named only by subject key; no other role and no other tenant reads it, and bad paging is a 400 naming the parameter.
/// </summary>
public sealed class ErasureLogTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    private static string SubjectKey(string tenant, string candidateId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant + "\n" + candidateId)));

    [Fact]
    public async Task An_auditor_pages_its_tenants_erasures_newest_first_by_subject_key_only()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        string[] ids = [$"log-{run}-a", $"log-{run}-b", $"log-{run}-c"];
        using (var submitter = factory.CreateClientFor("submitter"))
        {
            foreach (var id in ids)
            {
                using var erased = await submitter.DeleteAsync(new Uri($"/api/candidates/{id}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            }
        }

        using (var other = factory.CreateClientFor("other"))
        using (var foreign = await other.DeleteAsync(new Uri($"/api/candidates/log-{run}-x", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        }

        using var auditor = factory.CreateClientFor("auditor");
        var keys = new List<string>();
        var texts = new List<string>();
        string? next = "/api/audits/erasures?pageSize=2";
        while (next is not null)
        {
            var page = await ApiPolling.GetJsonAsync(auditor, next);
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 0, 2);
            texts.Add(page.GetRawText());
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                keys.Add(item.GetProperty("subjectKey").GetString()!);
            }

            next = page.TryGetProperty("nextUri", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }

        // This run's three, newest first (the log may hold other tests' erasures too).
        var mine = keys.Where(k => ids.Select(i => SubjectKey("contoso", i)).Contains(k)).ToList();
        Assert.Equal(Enumerable.Reverse(ids).Select(i => SubjectKey("contoso", i)), mine);
        Assert.DoesNotContain(SubjectKey("fabrikam", $"log-{run}-x"), keys);
        Assert.All(texts, t => Assert.DoesNotContain($"log-{run}", t, StringComparison.Ordinal));

        var entries = texts.SelectMany(t => JsonDocument.Parse(t).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())).ToList();
        Assert.All(entries.Where(e => mine.Contains(e.GetProperty("subjectKey").GetString()!)), e =>
            Assert.Equal(("erasure", "request", 0, "portal-backend"), (e.GetProperty("kind").GetString(), e.GetProperty("trigger").GetString(), e.GetProperty("deadLettersDeleted").GetInt32(), e.GetProperty("requestedBy").GetString())));

        using var theirs = factory.CreateClientFor("other");
        var theirLog = (await ApiPolling.GetJsonAsync(theirs, "/api/audits/erasures")).GetRawText();
        Assert.Contains(SubjectKey("fabrikam", $"log-{run}-x"), theirLog, StringComparison.Ordinal);
        Assert.DoesNotContain(SubjectKey("contoso", ids[0]), theirLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retention_purge_in_the_log_lists_with_its_kind_trigger_and_data_kinds_and_no_subject()
    {
        var store = factory.Services.GetRequiredService<IScreeningStore>();
        var at = DateTimeOffset.UtcNow;
        await store.RecordErasureAsync(new CandidateErasure(
            InMemoryHostFactory.Tenant, string.Empty, ["contoso.old-batch"], 3, 3, 0, 2, "retention", at,
            CandidateErasure.KindRetentionPurge, CandidateErasure.TriggerSchedule, 1, ["resumes", "results"]));

        using var auditor = factory.CreateClientFor("auditor");
        var page = await ApiPolling.GetJsonAsync(auditor, "/api/audits/erasures?pageSize=200");

        var purge = page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("requestedBy").GetString() == "retention" && e.GetProperty("at").GetDateTimeOffset() == at);
        Assert.Equal(("retention-purge", "schedule", 1, ""), (purge.GetProperty("kind").GetString(), purge.GetProperty("trigger").GetString(), purge.GetProperty("deadLettersDeleted").GetInt32(), purge.GetProperty("subjectKey").GetString()));
        Assert.Equal(["resumes", "results"], purge.GetProperty("dataKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["old-batch"], purge.GetProperty("batches").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData("submitter")]
    [InlineData("reviewer")]
    [InlineData("operator")]
    [InlineData("service-ops")]
    public async Task Only_an_auditor_reads_the_erasure_log(string principal)
    {
        using var client = factory.CreateClientFor(principal);

        using var response = await client.GetAsync(new Uri("/api/audits/erasures", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("needs the role Auditor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize '0' is out of range: use 1 to 200")]
    [InlineData("pageSize=201", "pageSize '201' is out of range")]
    [InlineData("pageSize=-1", "pageSize '-1' is out of range")]
    [InlineData("pageSize=abc", "pageSize 'abc' is out of range")]
    [InlineData("pageSize=99999999999999999999", "pageSize '99999999999999999999' is out of range")]
    [InlineData("continuationToken=%25%25%25", "continuationToken is not a token this API issued")]
    [InlineData("continuationToken=bm90LWFuLW9mZnNldA", "continuationToken is not a token this API issued")]
    public async Task Bad_paging_of_the_erasure_log_is_400_naming_the_parameter(string query, string expected)
    {
        using var auditor = factory.CreateClientFor("auditor");

        using var response = await auditor.GetAsync(new Uri("/api/audits/erasures?" + query, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
