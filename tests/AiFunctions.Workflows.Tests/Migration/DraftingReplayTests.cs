using System.Text.Json;
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
/// Drafting replays run as the background job (<see cref="ReplayRunner"/> with <see cref="DraftingReplayer"/>): progress
/// while it runs (done, total, failed), both sides' pass rates of the inclusive-language and required-sections checks
/// checked against hand-counted values, stored drafts never written, other tenants' job descriptions never replayed,
/// and at least once without double counting (a replay resumed after its host's claim expired calls only what is left
/// and counts every version once).
/// </summary>
public sealed class DraftingReplayTests
{
    private static readonly DateTimeOffset T0 = DraftingReplayFixture.T0;
    private static readonly string[] Ids = ["jd-a", "jd-b", "jd-c", "jd-d", "jd-old", "jd-other", "jd-missing"];

    /// <summary>Answers each request by its title: the candidate's draft for that job description (null: the call failed). Can hold one title until released.</summary>
    private sealed class ScriptedEvaluator(Dictionary<string, JobDescriptionDraft?> byTitle) : IAiFunctionEvaluator
    {
        private int _calls;

        public List<string> Titles { get; } = [];

        public int Calls => _calls;

        public string? HoldTitle { get; init; }

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<int, CancellationToken, Task>? BeforeCall { get; init; }

        public async Task<AiFunctionEvaluation<TOutput>> EvaluateAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteTargetOptions target, CancellationToken cancellationToken = default)
        {
            var title = ((JobDescriptionRequest)(object)input!).Title;
            var n = Interlocked.Increment(ref _calls);
            lock (Titles)
            {
                Titles.Add(title);
            }

            if (BeforeCall is not null)
            {
                await BeforeCall(n, cancellationToken);
            }

            if (title == HoldTitle)
            {
                Held.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            var draft = byTitle[title];
            var side = new ShadowSide(ReplayTargets.Format(target), draft is null ? ShadowOutcome.Failed : ShadowOutcome.Valid, draft is null ? "Unavailable" : null, false, 1, 10, 5, 5, 0.001m, "USD", new Dictionary<string, double>());
            return new AiFunctionEvaluation<TOutput>((TOutput?)(object?)draft, side);
        }
    }

    private static ScriptedEvaluator Candidate(string? hold = null, Func<int, CancellationToken, Task>? before = null) => new(new()
    {
        // candidate: A not inclusive, B ok, C ok, D failed (no draft)
        ["A"] = Draft("A", inclusive: false), ["B"] = Draft("B"), ["C"] = Draft("C"), ["D"] = null,
    })
    { HoldTitle = hold, BeforeCall = before };

    /// <summary>primary (stored): A ok, B not inclusive, C no benefits, D ok; plus a version without request, another tenant's, an unknown id.</summary>
    private static async Task<InMemoryScreeningStore> SeededAsync()
    {
        var store = new InMemoryScreeningStore();
        await StoreAsync(store, "t1", "jd-a", Draft("A"));
        await StoreAsync(store, "t1", "jd-b", Draft("B", inclusive: false));
        await StoreAsync(store, "t1", "jd-c", Draft("C", sections: false));
        await StoreAsync(store, "t1", "jd-d", Draft("D"));
        await StoreAsync(store, "t1", "jd-old", Draft("Old"), keepRequest: false);
        await StoreAsync(store, "t2", "jd-other", Draft("Other"));
        return store;
    }

    private static ReplayRunner Runner(IScreeningStore store, IReplayStore replays, IAiFunctionEvaluator evaluator, int concurrency = 1) =>
        DraftingReplayFixture.Runner(store, replays, evaluator, concurrency);

    private static Task<ReplayRecord> QueuedAsync(IReplayStore replays, string tenant = "t1", IReadOnlyList<string>? ids = null) =>
        DraftingReplayFixture.QueuedAsync(replays, ids ?? Ids, tenant);

    private static string Snapshot(IScreeningStore store) =>
        JsonSerializer.Serialize(new[] { "t1.jd-a", "t1.jd-b", "t1.jd-c", "t1.jd-d", "t1.jd-old", "t2.jd-other" }.Select(k => store.GetJobDescriptionAsync(k).Result));

    private static void AssertHandCounted(DraftingReplayComparison result)
    {
        // primary:   A ok, B not inclusive, C no benefits, D ok       -> inclusive 3/4, sections 3/4, both 2/4
        // candidate: A not inclusive, B ok, C ok, D failed (no draft) -> inclusive 2/4 (B, C), sections 3/4 (A, B, C), both 2/4
        Assert.Equal((4, 2, 1), (result.Drafts, result.NotFound, result.WithoutRequest));
        Assert.Equal(new DraftingSide("azure/gpt-4o-mini", 4, 4, 0, 3, 3, 2, 0.75, 0.75, 0.5), result.Primary);
        Assert.Equal(new DraftingSide("foundry/Mistral-Large-2411", 4, 3, 1, 2, 3, 2, 0.5, 0.75, 0.5), result.Candidate);
        // Of the 3 drafts both sides produced (A, B, C): inclusive verdicts agree on C only (A and B flip) → 1/3;
        // section verdicts agree on A and B, not C → 2/3.
        Assert.Equal(1.0 / 3, result.InclusiveLanguageAgreement!.Value, 10);
        Assert.Equal(2.0 / 3, result.RequiredSectionsAgreement!.Value, 10);
    }

    [Fact]
    public async Task A_drafting_replay_shows_progress_then_hand_counted_pass_rates_and_never_writes_the_stored_drafts()
    {
        var store = await SeededAsync();
        var before = Snapshot(store);
        var replays = new InMemoryReplayStore();
        var replay = await QueuedAsync(replays);
        var evaluator = Candidate(hold: "D");

        var run = Runner(store, replays, evaluator).RunAsync(replay.ReplayId, CancellationToken.None);
        await evaluator.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = (await replays.GetAsync(replay.ReplayId))!;
        Assert.Equal((ReplayStatus.Running, 3, 4, 0), (running.Status, running.Done, running.Total, running.Failed));
        Assert.Equal((2, 1), (running.Drafting!.NotFound, running.Drafting.WithoutRequest));
        evaluator.Release.SetResult();
        Assert.True(await run);

        var done = (await replays.GetAsync(replay.ReplayId))!;
        Assert.Equal((ReplayStatus.Completed, 4, 4, 1), (done.Status, done.Done, done.Total, done.Failed));
        Assert.Equal(["A", "B", "C", "D"], evaluator.Titles); // the other tenant's and the request-less version were never sent
        var rows = (await replays.GetCandidatesAsync(replay.ReplayId)).Values.ToArray();
        Assert.Equal(["jd-a.v1", "jd-b.v1", "jd-c.v1", "jd-d.v1"], rows.Select(r => r.CandidateId).Order(StringComparer.Ordinal));
        var comparison = DraftingReplays.Compare(rows, done.Target, done.Drafting!.NotFound, done.Drafting.WithoutRequest);
        AssertHandCounted(comparison);
        Assert.Equal(before, Snapshot(store)); // drafts, findings, status and approval as they were

        var report = MigrationReports.Build(MigrationReports.DraftingReplayKind, done.ReplayId, null, "drafting", comparison.Primary.Target, done.Target, T0, true,
            MigrationComparer.Compare(ReplayComparisons.Pairs(rows), batch: false), new MigrationThresholds { MinPairs = 3 }, comparison);
        var checks = report.Checks.ToDictionary(c => c.Setting[(MigrationOptions.SectionName + ":Thresholds:").Length..]);
        Assert.Equal((0.25, false), (checks["MaxInclusiveLanguagePassRateDrop"].Measured!.Value, checks["MaxInclusiveLanguagePassRateDrop"].Passed)); // 0.75 − 0.5
        Assert.Equal((0.0, true), (checks["MaxRequiredSectionsPassRateDrop"].Measured!.Value, checks["MaxRequiredSectionsPassRateDrop"].Passed));
        Assert.Equal((3.0, true), (checks["MinPairs"].Measured!.Value, checks["MinPairs"].Passed));
        Assert.Equal(0.25, checks["MaxFailureRate"].Measured!.Value, 10); // D of 4
        Assert.False(checks["MinKendallTau"].Checked); // screening-only thresholds are not checked for drafting
        Assert.False(checks["MinEvidenceValidity"].Checked);
        Assert.False(report.SafeToSwitch);
        var markdown = MigrationReports.ToMarkdown(report);
        Assert.Contains("| inclusive language passed | 3 (0.75) | 2 (0.5) |", markdown, StringComparison.Ordinal);
        Assert.Contains("inclusive language 0.333, required sections 0.667", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drafting_replay_resumed_after_its_hosts_claim_expired_calls_only_what_is_left_and_counts_each_version_once()
    {
        var store = await SeededAsync();
        var replays = new InMemoryReplayStore();
        var replay = await QueuedAsync(replays);

        // Host A replays two versions, then its host goes away mid-run (cancelled; the replay stays Running).
        using var crash = new CancellationTokenSource();
        var first = Candidate(before: async (n, token) =>
        {
            if (n == 3)
            {
                await crash.CancelAsync();
                token.ThrowIfCancellationRequested();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(store, replays, first).RunAsync(replay.ReplayId, crash.Token, owner: "host-a"));
        var interrupted = (await replays.GetAsync(replay.ReplayId))!;
        Assert.Equal((ReplayStatus.Running, 2), (interrupted.Status, interrupted.Done));

        // Host A crashed holding its claim: host B leaves the replay alone until the claim has expired.
        var now = DateTimeOffset.UtcNow;
        Assert.True(await replays.TryClaimAsync(replay.ReplayId, "host-a", now, now.AddMinutes(2)));
        var second = Candidate();
        Assert.False(await Runner(store, replays, second).RunAsync(replay.ReplayId, CancellationToken.None, owner: "host-b"));
        Assert.Equal(0, second.Calls);
        Assert.True(await replays.TryClaimAsync(replay.ReplayId, "host-a", now.AddMinutes(-10), now.AddMinutes(-8))); // expired

        Assert.True(await Runner(store, replays, second).RunAsync(replay.ReplayId, CancellationToken.None, owner: "host-b"));
        Assert.Equal(["C", "D"], second.Titles.Order(StringComparer.Ordinal));

        // Host A's late write of a version it had already replayed lands on the same row; a rerun changes nothing.
        var rows = await replays.GetCandidatesAsync(replay.ReplayId);
        await replays.UpsertCandidateAsync(rows["jd-a.v1"] with { RecordedAt = DateTimeOffset.UtcNow });
        Assert.False(await Runner(store, replays, Candidate()).RunAsync(replay.ReplayId, CancellationToken.None, owner: "host-c"));

        var done = (await replays.GetAsync(replay.ReplayId))!;
        Assert.Equal((ReplayStatus.Completed, 4, 4, 1), (done.Status, done.Done, done.Total, done.Failed));
        var final = (await replays.GetCandidatesAsync(replay.ReplayId)).Values.ToArray();
        Assert.Equal(4, final.Length);
        AssertHandCounted(DraftingReplays.Compare(final, done.Target, done.Drafting!.NotFound, done.Drafting.WithoutRequest));
    }

    [Fact]
    public async Task An_operators_cancel_stops_the_replay_before_its_next_call_and_keeps_what_was_replayed()
    {
        var store = await SeededAsync();
        var replays = new InMemoryReplayStore();
        var replay = await QueuedAsync(replays);
        var evaluator = Candidate(before: async (n, _) =>
        {
            if (n == 2)
            {
                await replays.RequestCancelAsync(replay.ReplayId); // while B is being drafted
            }
        });

        Assert.True(await Runner(store, replays, evaluator).RunAsync(replay.ReplayId, CancellationToken.None));

        Assert.Equal(["A", "B"], evaluator.Titles); // B finishes; C and D are never called
        var cancelled = (await replays.GetAsync(replay.ReplayId))!;
        Assert.Equal((ReplayStatus.Cancelled, 2, 4, 0), (cancelled.Status, cancelled.Done, cancelled.Total, cancelled.Failed));
        Assert.Equal(["jd-a.v1", "jd-b.v1"], (await replays.GetCandidatesAsync(replay.ReplayId)).Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await replays.ListUnfinishedAsync(), r => r.ReplayId == replay.ReplayId);

        var again = Candidate();
        Assert.False(await Runner(store, replays, again).RunAsync(replay.ReplayId, CancellationToken.None)); // ended: a rescan never restarts it
        Assert.Equal(0, again.Calls);
    }

    [Fact]
    public async Task A_drafting_replay_started_for_another_tenant_never_reads_or_replays_this_tenants_drafts()
    {
        var store = await SeededAsync();
        var replays = new InMemoryReplayStore();
        // Tenant t2 names t1's ids: they are looked up under t2's keys, so they are not found, and nothing is called.
        var replay = await QueuedAsync(replays, tenant: "t2", ids: ["jd-a", "jd-b", "jd-other"]);
        var evaluator = new ScriptedEvaluator(new() { ["Other"] = Draft("Other") });

        Assert.True(await Runner(store, replays, evaluator).RunAsync(replay.ReplayId, CancellationToken.None));

        Assert.Equal(["Other"], evaluator.Titles);
        var done = (await replays.GetAsync(replay.ReplayId))!;
        Assert.Equal((1, 1, 2), (done.Total, done.Done, done.Drafting!.NotFound));
    }

    [Fact]
    public async Task Versions_drafted_after_the_replay_started_are_not_part_of_it()
    {
        var store = await SeededAsync();
        var key = ResourceIds.Scope("t1", "jd-a");
        await store.UpsertJobDescriptionVersionAsync("t1", new JobDescriptionVersion(key, 2, Draft("A"), [], Provenance, T0.AddHours(2), Request: Request("A")));
        var replays = new InMemoryReplayStore();
        var replay = await QueuedAsync(replays, ids: ["jd-a"]); // AsOf = T0 + 1 h
        var evaluator = Candidate();

        Assert.True(await Runner(store, replays, evaluator).RunAsync(replay.ReplayId, CancellationToken.None));

        Assert.Equal(["jd-a.v1"], (await replays.GetCandidatesAsync(replay.ReplayId)).Keys);
    }

    [Fact]
    public void No_replayed_drafts_gives_unmeasured_rates_not_zero_or_perfect()
    {
        var result = DraftingReplays.Compare([], "foundry/m", 1, 0);

        Assert.Equal((0, 1, "none"), (result.Drafts, result.NotFound, result.Primary.Target));
        Assert.Null(result.Candidate.BothPassRate);
        Assert.Null(result.InclusiveLanguageAgreement);
    }

    [Fact]
    public void A_screening_report_lists_the_drafting_thresholds_as_not_checked()
    {
        var comparison = MigrationComparer.Compare([], batch: true);

        var report = MigrationReports.Build("replay", "rpl-1", "b-1", "screening", "local/x", "local2/x", T0, true, comparison, new MigrationThresholds());

        var drafting = report.Checks.Where(c => c.Setting.EndsWith("PassRateDrop", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, drafting.Length);
        Assert.All(drafting, c => Assert.False(c.Checked));
        Assert.Null(report.Drafting);
    }
}
