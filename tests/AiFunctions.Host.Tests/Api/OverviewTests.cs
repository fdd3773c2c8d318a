using System.Net.Http.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// <c>GET /api/manage/overview</c> on a host with two loopback providers: calls and failures of this minute, the circuits of
/// the targets routes name now, spend today and a batch waiting for review — the caller's tenant's only.
/// </summary>
public sealed class OverviewTests
{
    [Fact]
    public async Task The_overview_counts_calls_failures_spend_and_work_of_the_callers_tenant()
    {
        await TwoTargetHostFactory.WithHostsAsync([new()], async hosts =>
        {
            var factory = hosts[0];
            using var operatorClient = factory.CreateClientFor("service-ops"); // route changes need ServiceOperator (docs/security.md)
            using var submitter = factory.CreateClientFor("submitter");
            using var other = factory.CreateClientFor("other");
            var chat = factory.Services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("screening"));
            for (var i = 0; i < 2; i++)
            {
                using var scope = AiCallContext.Begin(new AiCallContext("contoso", "resume-screening"));
                await chat.GetResponseAsync("Say hello.");
            }

            using (var start = await ApiPolling.PostJsonAsync(submitter, "/api/screenings", Batches.Create("overview-batch", 1)))
            {
                await ApiPolling.AssertAcceptedAsync(start);
            }

            await ApiPolling.WaitForStatusAsync(submitter, "overview-batch", "AwaitingReview", TimeSpan.FromSeconds(60));

            // b's server goes away: a call routed to it fails (no retries, no other target).
            using (var put = await operatorClient.PutAsync("/api/manage/routes/screening",
                new StringContent("""{"targets":[{"provider":"b","model":"gpt-4o-mini"}],"maxRetries":0,"timeout":"00:00:05"}""", System.Text.Encoding.UTF8, "application/json")))
            {
                Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            }

            await factory.B.DisposeAsync();
            using (AiCallContext.Begin(new AiCallContext("contoso", "resume-screening")))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Say hello."));
            }

            var overview = (await operatorClient.GetFromJsonAsync<Overview>("/api/manage/overview", ApiJson.Options))!;
            var theirs = (await other.GetFromJsonAsync<Overview>("/api/manage/overview", ApiJson.Options))!;

            Assert.Equal("contoso", overview.Tenant);
            Assert.Equal(60, overview.CallsPerMinute.Count);
            var recent = overview.CallsPerMinute.TakeLast(2).ToList();
            Assert.InRange(recent.Sum(m => m.Calls), 4, 100); // 2 calls, the batch's candidate, the failed one
            Assert.InRange(recent.Sum(m => m.Failures), 1, 100);
            Assert.Equal(0, overview.CallsPerMinute.Take(58).Sum(m => m.Calls));
            // 2 chat calls, the candidate's generative screening and its deterministic baseline on local (docs/fairness.md; no tokens).
            Assert.Equal(2L + 1 + 1, overview.SpendToday.Calls);
            Assert.Equal(3 * 180L, overview.SpendToday.TotalTokens);
            Assert.Equal(1, overview.Work.ScreeningsAwaitingReview);
            Assert.Equal(0, overview.Work.BatchesRunning);
            // Circuits are those of the targets routes name now: the change moved screening from a to b.
            Assert.Contains(overview.Circuits, c => c.Target == "b/gpt-4o-mini");
            Assert.DoesNotContain(overview.Circuits, c => c.Target == "a/gpt-4o-mini");
            Assert.False(string.IsNullOrEmpty(overview.Health.Status));

            Assert.Equal("fabrikam", theirs.Tenant);
            Assert.Equal(0, theirs.Work.ScreeningsAwaitingReview);
            Assert.Equal(0L, theirs.SpendToday.Calls);
        });
    }
}
