using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests.Migration;

using static AiFunctions.Workflows.Tests.Migration.DraftingReplayFixture;

/// <summary>
/// A drafting replay whose candidate target misbehaves, as <see cref="IAiFunctionEvaluator"/> reports it (it never
/// throws for the target's failures: a permanent error is Failed with its reason, a schema-invalid answer Invalid, a
/// rate-limit or budget skip Skipped): the replay ends, every version is counted once, the failures are counted in the
/// progress and the report, such a candidate is never "safe to switch", and the stored drafts are never written.
/// </summary>
public sealed class DraftingReplayCandidateFaultTests
{
    private static readonly string[] Titles = ["A", "B", "C", "D", "E", "F"];

    /// <summary>Answers call n (1-based) with <c>script(n)</c>: an outcome, a reason and, when Valid, the draft.</summary>
    private sealed class FaultyEvaluator(Func<int, string, (ShadowOutcome Outcome, string? Reason, JobDescriptionDraft? Draft)> script) : IAiFunctionEvaluator
    {
        private int _calls;

        public int Calls => _calls;

        public Task<AiFunctionEvaluation<TOutput>> EvaluateAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteTargetOptions target, CancellationToken cancellationToken = default)
        {
            var n = Interlocked.Increment(ref _calls);
            var (outcome, reason, draft) = script(n, ((JobDescriptionRequest)(object)input!).Title);
            var side = new ShadowSide(ReplayTargets.Format(target), outcome, reason, false, outcome == ShadowOutcome.Skipped ? 0 : 1, 10, 5, 5, 0.001m, "USD", new Dictionary<string, double>());
            return Task.FromResult(new AiFunctionEvaluation<TOutput>((TOutput?)(object?)draft, side));
        }
    }

    private static async Task<InMemoryScreeningStore> SeededAsync()
    {
        var store = new InMemoryScreeningStore();
        foreach (var title in Titles)
        {
            await StoreAsync(store, "t1", "jd-" + title.ToLowerInvariant(), Draft(title));
        }

        return store;
    }

    private static string Snapshot(IScreeningStore store) =>
        System.Text.Json.JsonSerializer.Serialize(Titles.Select(t => store.GetJobDescriptionAsync("t1.jd-" + t.ToLowerInvariant()).Result));

    private static async Task<(ReplayRecord Done, MigrationReport Report, ReplayCandidateResult[] Rows)> RunAsync(
        InMemoryScreeningStore store, InMemoryReplayStore replays, FaultyEvaluator evaluator)
    {
        var replay = await QueuedAsync(replays, Titles.Select(t => "jd-" + t.ToLowerInvariant()).ToArray());
        var runner = Runner(store, replays, evaluator, concurrency: 2);

        var ended = await runner.RunAsync(replay.ReplayId, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)); // no hang
        Assert.True(ended);
        var done = (await replays.GetAsync(replay.ReplayId))!;
        var rows = (await replays.GetCandidatesAsync(replay.ReplayId)).Values.ToArray();
        var comparison = DraftingReplays.Compare(rows, done.Target, done.Drafting!.NotFound, done.Drafting.WithoutRequest);
        // Lenient pair count so only the failure-related checks can decide the verdict.
        var report = MigrationReports.Build(MigrationReports.DraftingReplayKind, done.ReplayId, null, "drafting", comparison.Primary.Target, done.Target, T0, true,
            MigrationComparer.Compare(ReplayComparisons.Pairs(rows), batch: false), new MigrationThresholds { MinPairs = 1 }, comparison);
        Assert.False(await runner.RunAsync(replay.ReplayId, CancellationToken.None)); // ended: a rescan never reruns it
        return (done, report, rows);
    }

    private static Dictionary<string, ThresholdCheck> ChecksOf(MigrationReport report) =>
        report.Checks.ToDictionary(c => c.Setting[(MigrationOptions.SectionName + ":Thresholds:").Length..]);

    [Theory]
    [InlineData("Unauthorized")]
    [InlineData("ContentFiltered")]
    public async Task A_candidate_that_fails_every_call_permanently_ends_the_replay_with_every_version_failed_and_never_safe(string reason)
    {
        var store = await SeededAsync();
        var before = Snapshot(store);
        var replays = new InMemoryReplayStore();
        var evaluator = new FaultyEvaluator((_, _) => (ShadowOutcome.Failed, reason, null));

        var (done, report, rows) = await RunAsync(store, replays, evaluator);

        Assert.Equal((ReplayStatus.Completed, 6, 6, 6), (done.Status, done.Done, done.Total, done.Failed));
        Assert.Equal(6, evaluator.Calls); // one call per version, no retry loop
        Assert.All(rows, r => Assert.Equal(reason, r.Side.FailureReason));
        var checks = ChecksOf(report);
        Assert.Equal((1.0, false), (checks["MaxFailureRate"].Measured!.Value, checks["MaxFailureRate"].Passed));
        Assert.False(report.SafeToSwitch);
        Assert.Contains(reason, MigrationReports.ToMarkdown(report), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(store));
    }

    [Fact]
    public async Task A_candidate_that_fails_transiently_then_recovers_keeps_the_transient_failures_as_failures_and_is_not_called_again()
    {
        // Calls 1-2: 503 Unavailable, call 3: 429 RateLimited; then the target recovers.
        var store = await SeededAsync();
        var before = Snapshot(store);
        var replays = new InMemoryReplayStore();
        var evaluator = new FaultyEvaluator((n, title) => n switch
        {
            <= 2 => (ShadowOutcome.Failed, "Unavailable", null),
            3 => (ShadowOutcome.Failed, "RateLimited", null),
            _ => (ShadowOutcome.Valid, null, Draft(title)),
        });

        var (done, report, rows) = await RunAsync(store, replays, evaluator);

        // Observed behaviour: one attempt per version; a transient failure is stored as that version's final result
        // and counted against the candidate (no retry within the replay, none on a rescan).
        Assert.Equal(6, evaluator.Calls);
        Assert.Equal((ReplayStatus.Completed, 6, 6, 3), (done.Status, done.Done, done.Total, done.Failed));
        Assert.Equal(3, rows.Count(r => r.Side.Outcome == ShadowOutcome.Failed));
        var checks = ChecksOf(report);
        Assert.Equal(0.5, checks["MaxFailureRate"].Measured!.Value, 10);
        Assert.False(report.SafeToSwitch);
        Assert.Equal(before, Snapshot(store));
    }

    [Fact]
    public async Task A_candidate_with_schema_invalid_or_empty_answers_is_counted_failed_or_failing_its_checks_and_never_safe()
    {
        // A, B, C: schema-invalid after repairs; D, E, F: "valid" JSON that is an empty draft.
        var store = await SeededAsync();
        var before = Snapshot(store);
        var replays = new InMemoryReplayStore();
        var empty = new JobDescriptionDraft(string.Empty, string.Empty, [], [], [], string.Empty, string.Empty, string.Empty);
        var evaluator = new FaultyEvaluator((_, title) => title is "A" or "B" or "C"
            ? (ShadowOutcome.Invalid, "StructuredOutputInvalid", null)
            : (ShadowOutcome.Valid, null, empty));

        var (done, report, rows) = await RunAsync(store, replays, evaluator);

        Assert.Equal((ReplayStatus.Completed, 6, 6, 3), (done.Status, done.Done, done.Total, done.Failed));
        Assert.Equal(3, rows.Count(r => r.Side.Outcome == ShadowOutcome.Invalid));
        var checks = ChecksOf(report);
        Assert.Equal(0.5, checks["MinSchemaValidRate"].Measured!.Value, 10);
        Assert.False(checks["MinSchemaValidRate"].Passed);
        Assert.False(checks["MaxRequiredSectionsPassRateDrop"].Passed); // the empty drafts fail the required sections
        Assert.False(report.SafeToSwitch);
        Assert.Equal(before, Snapshot(store));
    }

    [Fact]
    public async Task A_candidate_skipped_for_rate_limit_or_budget_on_every_call_is_never_safe_to_switch()
    {
        var store = await SeededAsync();
        var replays = new InMemoryReplayStore();
        var evaluator = new FaultyEvaluator((n, _) => (ShadowOutcome.Skipped, n % 2 == 0 ? "RateLimited" : "BudgetExceeded", null));

        var (done, report, _) = await RunAsync(store, replays, evaluator);

        Assert.Equal((ReplayStatus.Completed, 6, 6, 6), (done.Status, done.Done, done.Total, done.Failed));
        Assert.False(report.SafeToSwitch);
    }
}
