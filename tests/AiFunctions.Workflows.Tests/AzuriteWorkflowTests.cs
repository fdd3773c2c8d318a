using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using AiFunctions.Testing;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>The screening workflow with results in Azure Table/Blob storage (a real Azurite), configured the way hosts do.</summary>
public sealed class AzuriteWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_batch_persists_results_ranks_and_the_decision_trail_in_table_storage()
    {
        var events = new RecordingEventPublisher();
        var invoker = new FakeAiFunctionInvoker();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Storage:ConnectionString"] = azurite.ConnectionString,
            ["AiFunctions:Storage:NamePrefix"] = "wf" + Guid.NewGuid().ToString("N")[..8],
        }).Build();
        await using var host = await TestDurableHost.StartAsync(
            registry => registry.AddHrWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services
                    .AddLogging()
                    .AddHrWorkflows(configuration)
                    .AddSingleton<IAiFunctionInvoker>(invoker)
                    .AddSingleton<IPiiRedactor>(new RegexPiiRedactor())
                    .AddSingleton<IWorkflowEventPublisher>(events),
            });
        var store = host.Services.GetRequiredService<IScreeningStore>();
        Assert.IsType<TableScreeningStore>(store);
        var candidates = Enumerable.Range(0, 30).Select(i => Requests.Candidate($"az-{i:D2}", $"Person Number{i}", i % 2 == 0 ? "C#" : "Java", i % 3 == 0 ? "Kafka" : "Go")).ToArray();
        var request = await store.OffloadResumesAsync(Requests.Batch("azurite-1", candidates, concurrency: new ScreeningConcurrency { ChunkSize = 10 }));

        var instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ScreeningBatchOrchestrator, request, new StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening("azurite-1") });
        await HostWaits.WaitForEventAsync(events, WorkflowEventTypes.ScreeningReviewRequired, "screening/azurite-1", timeout: TimeSpan.FromMinutes(2));
        var awaiting = await store.GetBatchAsync("azurite-1");
        Assert.Equal((ScreeningBatchStatus.AwaitingReview, new BatchProgress(30, 30, 0)), (awaiting!.Status, awaiting.Progress));
        Assert.Equal(3, awaiting.Shortlist!.Count);

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "reviewer@contoso.com", "ok"));
        var summary = (await HostWaits.WaitForCompletionAsync(host.Client, instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal(ScreeningOutcome.Approved, summary.Outcome);
        var results = await store.GetResultsAsync("azurite-1");
        RankAssert.CompetitionRanks(results, 30);
        Assert.Equal(summary.Shortlist.Select(s => s.CandidateId), results.Take(3).Select(r => r.CandidateId));
        Assert.Equal(30, invoker.Calls);

        // The resumes were kept in the candidate rows (one transaction for the 30) and read with the records: no blob.
        var records = await store.FindCandidatesAsync("azurite-1", candidates.Select(c => c.CandidateId).ToArray());
        Assert.Equal(30, records.Count);
        Assert.All(records.Values, r => Assert.StartsWith("row:", r.ResumeBlobName, StringComparison.Ordinal));
        Assert.All(records.Values, r => Assert.Equal(candidates.Single(c => c.CandidateId == r.CandidateId).ResumeText, r.ResumeText));
        var resumeBlobs = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(configuration["AiFunctions:Storage:NamePrefix"]!.ToLowerInvariant() + "-resumes");
        Assert.False((await resumeBlobs.ExistsAsync()).Value && await resumeBlobs.GetBlobsAsync().AnyAsync(), "a small resume was stored as a blob");
        var trail = await store.GetDecisionTrailAsync("azurite-1");
        Assert.Equal([DecisionKind.Ranked, DecisionKind.ReviewRequested, DecisionKind.Approved], trail.Entries.Select(e => e.Kind));
        Assert.Equal(30, trail.Scoring.Count);
        Assert.Equal(ScreeningBatchStatus.Approved, (await store.GetBatchAsync("azurite-1", includeProgress: false))!.Status);
    }
}
