using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Host.Tests.Api;

/// <summary>The console's Audit page: decision trails of the tenant's batches (with the reviewer's name) and route changes across routes.</summary>
public sealed class AuditListingTests(TwoTargetHostFactory factory) : IClassFixture<TwoTargetHostFactory>
{
    [Fact]
    public async Task Decision_trails_name_the_reviewer_and_link_results_and_bias_audit_for_the_callers_tenant_only()
    {
        using var submitter = factory.CreateClientFor("submitter");
        using var reviewer = factory.CreateClientFor("reviewer");
        using var auditor = factory.CreateClientFor("auditor");
        using var other = factory.CreateClientFor("other");
        using (var start = await ApiPolling.PostJsonAsync(submitter, "/api/screenings", Batches.Create("audited-batch", 2)))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        await ApiPolling.WaitForStatusAsync(submitter, "audited-batch", "AwaitingReview", TimeSpan.FromSeconds(60));
        using (var review = await reviewer.PostAsync("/api/screenings/audited-batch/review", new StringContent("""{"decision":"Approve","comment":"Evidence checked."}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, review.StatusCode);
        }

        await ApiPolling.WaitForStatusAsync(submitter, "audited-batch", "Approved", TimeSpan.FromSeconds(60));

        var list = (await auditor.GetFromJsonAsync<AuditDecisionList>("/api/manage/audit/decisions", ApiJson.Options))!;
        var theirs = (await other.GetFromJsonAsync<AuditDecisionList>("/api/manage/audit/decisions", ApiJson.Options))!;

        var batch = Assert.Single(list.Items, b => b.BatchId == "audited-batch");
        var approval = Assert.Single(batch.Decisions, d => d.Kind == DecisionKind.Approved);
        Assert.Equal(("riley.reviewer@contoso.example", "Evidence checked.", "audited-batch"), (approval.Actor, approval.Comment, approval.BatchId));
        Assert.Contains(batch.Decisions, d => d.Kind == DecisionKind.Ranked);
        Assert.Contains(batch.ScoredBy, s => s.StartsWith("openai/gpt-4o-mini (", StringComparison.Ordinal));
        Assert.Equal("/api/screenings/audited-batch/audit", batch.AuditUri);
        using var audit = await auditor.GetAsync(new Uri(batch.AuditUri, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.DoesNotContain(theirs.Items, b => b.BatchId == "audited-batch");
    }

    [Fact]
    public async Task Route_changes_are_listed_newest_first_across_routes_with_who_and_why()
    {
        using var operatorClient = factory.CreateClientFor("service-ops");
        using var auditor = factory.CreateClientFor("auditor");
        foreach (var weight in new[] { 2, 3 })
        {
            using var put = await operatorClient.PutAsync($"/api/manage/routes/screening?reason=weight%20{weight}",
                new StringContent($$"""{"targets":[{"provider":"a","model":"gpt-4o-mini","weight":{{weight}}}]}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var changes = (await auditor.GetFromJsonAsync<RouteChangeList>("/api/manage/audit/route-changes?pageSize=2", ApiJson.Options))!;
        using var unknown = await auditor.GetAsync(new Uri("/api/manage/audit/route-changes?route=nope", UriKind.Relative));

        Assert.Equal(2, changes.Items.Count);
        Assert.True(changes.Items[0].Version > changes.Items[1].Version);
        Assert.Equal(("weight 3", "service-ops", 3), (changes.Items[0].Reason, changes.Items[0].ChangedBy, changes.Items[0].After.Targets[0].Weight));
        Assert.Equal(2, changes.Items[0].Before!.Targets[0].Weight);
        Assert.All(changes.Items, c => Assert.NotEqual(0, c.Version));
        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("screening", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
