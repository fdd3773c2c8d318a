using System.Collections.Concurrent;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Functions;
using AiFunctions.Workflows.Sanitizing;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Moq;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>What the rank activity stores, and in which order, for a first ranking and for a re-rank after a release.</summary>
public sealed class RankActivityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AiFunctionProvenance Provenance = new("hr.screen-resume", "2026-11-27.1", "screening", "local", "local", "1.0.0", "hr-rules-v1", false, 1, false, T0);

    [Fact]
    public async Task A_first_ranking_stores_the_shortlist_with_awaiting_review_in_one_status_write()
    {
        var (store, calls) = await SeedAsync("rank-first");

        var outcome = await new RankActivity(store).RunAsync(new Mock<TaskActivityContext>().Object, new RankInput("rank-first", 5, T0, Status: ScreeningBatchStatus.AwaitingReview));

        Assert.Equal([ScreeningBatchStatus.AwaitingReview], StatusWrites(calls));
        Assert.Equal(["c-1"], outcome.Shortlist.Select(s => s.CandidateId));
    }

    [Fact]
    public async Task A_re_rank_after_a_release_stores_ranking_before_it_reads_and_the_new_shortlist_with_awaiting_review_after()
    {
        var (store, calls) = await SeedAsync("rank-release");
        calls.Clear();

        var outcome = await new RankActivity(store).RunAsync(
            new Mock<TaskActivityContext>().Object,
            new RankInput("rank-release", 5, T0.AddMinutes(5), "reviewer@contoso.com", [new HoldRelease("c-held", "The flagged line quotes a paper title.")], Status: ScreeningBatchStatus.AwaitingReview));

        // "Ranking" is stored before the results are read: a decision arriving during the re-rank is refused, not applied to the old shortlist.
        var order = calls.Select(c => c.Method).Where(m => m is nameof(IScreeningStore.SetBatchStatusAsync) or nameof(IScreeningStore.GetResultsAsync)).ToArray();
        Assert.Equal([nameof(IScreeningStore.SetBatchStatusAsync), nameof(IScreeningStore.GetResultsAsync), nameof(IScreeningStore.SetBatchStatusAsync)], order);
        Assert.Equal([ScreeningBatchStatus.Ranking, ScreeningBatchStatus.AwaitingReview], StatusWrites(calls));
        Assert.Equal(["c-held", "c-1"], outcome.Shortlist.Select(s => s.CandidateId));
        var batch = (await store.GetBatchAsync("rank-release", includeProgress: false))!;
        Assert.Equal((ScreeningBatchStatus.AwaitingReview, 2), (batch.Status, batch.Shortlist!.Count));
    }

    private static ScreeningBatchStatus[] StatusWrites(ConcurrentQueue<(string Method, object?[] Args)> calls) =>
        calls.Where(c => c.Method == nameof(IScreeningStore.SetBatchStatusAsync)).Select(c => (ScreeningBatchStatus)c.Args[1]!).ToArray();

    private static async Task<(IScreeningStore Store, ConcurrentQueue<(string Method, object?[] Args)> Calls)> SeedAsync(string batchId)
    {
        var calls = new ConcurrentQueue<(string Method, object?[] Args)>();
        var store = RecordingStore.Create(new InMemoryScreeningStore(), calls);
        var requisition = new RequisitionSpec("req-1", "Engineer", "Build things.", [new Criterion("csharp", "C#", CriterionKind.MustHave)]);
        await store.SaveBatchAsync(
            new ScreeningBatchRecord(batchId, "contoso", requisition, new ReviewPolicy(), 2, ScreeningBatchStatus.Screening, WorkflowVersions.ScreeningBatch, null, T0, T0),
            [new CandidateRecord(batchId, "c-1", "Name 1", "r1"), new CandidateRecord(batchId, "c-held", "Name 2", "r2")]);
        await store.UpsertResultAsync(Result(batchId, "c-1", 60, hold: null));
        await store.UpsertResultAsync(Result(batchId, "c-held", 90, new CandidateHold(["PromptInjection: ignore-previous-instructions"], [])));
        return (store, calls);
    }

    private static CandidateResult Result(string batchId, string candidateId, int score, CandidateHold? hold) => new(
        batchId,
        candidateId,
        "Name",
        CandidateResultStatus.Screened,
        new ScreeningAssessment([new CriterionAssessment("csharp", score, true, ["C#"], "ok")], true, score, [], "s"),
        Provenance,
        [],
        0,
        T0,
        Hold: hold);
}
