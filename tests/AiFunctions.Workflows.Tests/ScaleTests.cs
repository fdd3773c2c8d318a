using System.Diagnostics;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Xunit;
using Xunit.Abstractions;

namespace AiFunctions.Workflows.Tests;

public sealed class ScaleTests(WorkflowHostFixture host, ITestOutputHelper output) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task A_maximum_size_batch_of_10000_candidates_completes_every_candidate_exactly_once()
    {
        const int count = WorkflowLimits.MaxCandidatesPerBatch;
        var candidates = Enumerable.Range(0, count)
            .Select(i => new CandidateSubmission($"s-{i:D5}", $"Person{i}", $"Experience with {(i % 3 == 0 ? "C#" : "Java")} and {(i % 5 == 0 ? "Kafka" : "Go")}."))
            .ToArray();
        var request = Requests.Batch("scale-10k", candidates, concurrency: new ScreeningConcurrency { CandidatesInFlightPerChunk = 16, ChunksInFlight = 2 });
        var callsBefore = host.Invoker.Calls;
        var stopwatch = Stopwatch.StartNew();

        var instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ScreeningBatchOrchestrator, request, new StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening("scale-10k") });
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/scale-10k", timeout: TimeSpan.FromMinutes(10));
        output.WriteLine($"{count} candidates screened and ranked in {stopwatch.Elapsed.TotalSeconds:F1} s on the in-memory host.");

        var progress = (await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!.ReadCustomStatusAs<ScreeningProgress>()!;
        Assert.Equal((count, count, 0, 100, 100), (progress.Total, progress.Done, progress.Failed, progress.ChunksDone, progress.ChunksTotal));
        Assert.Equal(count, host.Invoker.Calls - callsBefore);
        var results = await host.Store.GetResultsAsync("scale-10k");
        Assert.Equal(count, results.Select(r => r.CandidateId).Distinct().Count());
        RankAssert.CompetitionRanks(results, count);

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "r"));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;
        Assert.Equal((ScreeningOutcome.Approved, count, 0), (summary.Outcome, summary.Screened, summary.Failed));
    }
}
