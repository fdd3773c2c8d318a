using System.Net;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Api;

/// <summary>The tenant is the caller's: a different body tenant is 403, another tenant's ids are 404 on every read and write.</summary>
public sealed class TenancyTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task A_body_tenant_other_than_the_callers_is_403()
    {
        using var client = factory.CreateClientFor("submitter");
        using var response = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create("tenant-mismatch", 1) with { Tenant = "fabrikam" });
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "tenant-mismatch");
        Assert.Contains("contoso", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_batch_is_404_on_every_read_and_write_and_its_id_is_free_for_the_other_tenant()
    {
        using var contoso = factory.CreateAuthorizedClient();
        using var fabrikam = factory.CreateClientFor("other");
        using (var start = await ApiPolling.PostJsonAsync(contoso, "/api/screenings", Batches.Create("tenant-owned", 2)))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        await ApiPolling.WaitForStatusAsync(contoso, "tenant-owned", "AwaitingReview", TimeSpan.FromSeconds(60));
        foreach (var path in new[] { "/api/screenings/tenant-owned", "/api/screenings/tenant-owned/results" })
        {
            using var read = await fabrikam.GetAsync(new Uri(path, UriKind.Relative));
            await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound, "not-found");
        }

        using (var review = await ApiPolling.PostJsonAsync(fabrikam, "/api/screenings/tenant-owned/review", new { decision = ReviewDecision.Approve }))
        {
            await ProblemAssert.IsProblemAsync(review, HttpStatusCode.NotFound, "not-found");
        }

        // The same id in the other tenant is another batch (the storage and instance keys hold the tenant).
        using (var own = await ApiPolling.PostJsonAsync(fabrikam, "/api/screenings", Batches.Create("tenant-owned", 1) with { Tenant = null! }))
        {
            await ApiPolling.AssertAcceptedAsync(own);
        }

        var theirs = await ApiPolling.WaitForStatusAsync(fabrikam, "tenant-owned", "AwaitingReview", TimeSpan.FromSeconds(60));
        Assert.Equal(1, theirs.GetProperty("progress").GetProperty("total").GetInt32());
        var ours = await ApiPolling.GetJsonAsync(contoso, "/api/screenings/tenant-owned");
        Assert.Equal(2, ours.GetProperty("progress").GetProperty("total").GetInt32());
        var results = await ApiPolling.GetJsonAsync(contoso, "/api/screenings/tenant-owned/results");
        Assert.All(results.GetProperty("results").EnumerateArray(), r => Assert.Equal("tenant-owned", r.GetProperty("batchId").GetString()));
    }

    [Fact]
    public async Task Another_tenants_job_description_is_404()
    {
        using var contoso = factory.CreateAuthorizedClient();
        using var fabrikam = factory.CreateClientFor("other");
        var request = new
        {
            jobDescriptionId = "jd-tenant",
            request = new { title = "Engineer", department = "Platform", location = "Remote", employmentType = "Full-time", responsibilities = new[] { "Build services" }, requirements = new[] { "C#" }, niceToHaves = Array.Empty<string>() },
        };
        using (var start = await ApiPolling.PostJsonAsync(contoso, "/api/job-descriptions", request))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        using var read = await fabrikam.GetAsync(new Uri("/api/job-descriptions/jd-tenant", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound, "not-found");
        using var review = await ApiPolling.PostJsonAsync(fabrikam, "/api/job-descriptions/jd-tenant/review", new { decision = "Approve", version = 1 });
        await ProblemAssert.IsProblemAsync(review, HttpStatusCode.NotFound, "not-found");
    }
}
