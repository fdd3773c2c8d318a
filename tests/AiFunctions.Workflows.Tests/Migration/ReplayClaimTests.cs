using AiFunctions.Testing;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests.Migration;

/// <summary>
/// An interrupted replay is resumed by one host, not by every host that starts: the claim in the replay store
/// (<see cref="IReplayStore.TryClaimAsync"/>); and a replay started by several hosts at once is created once
/// (<see cref="IReplayStore.CreateAsync"/>). The same rules in memory and on Table storage (a real Azurite).
/// </summary>
public sealed class ReplayClaimTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    public static TheoryData<string> Stores() => ["memory", "table"];

    private IReplayStore Store(string kind) => kind == "memory"
        ? new InMemoryReplayStore()
        : new TableReplayStore(Options.Create(new WorkflowStorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = "c" + Guid.NewGuid().ToString("N")[..10] }));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_replay_claimed_by_one_host_is_refused_to_another_until_the_claim_expires_or_is_released(string kind)
    {
        var store = Store(kind);

        Assert.True(await store.TryClaimAsync("rpl-1", "host-a", T0, T0 + Claim));
        Assert.False(await store.TryClaimAsync("rpl-1", "host-b", T0.AddSeconds(30), T0.AddSeconds(30) + Claim));
        Assert.True(await store.TryClaimAsync("rpl-1", "host-a", T0.AddSeconds(30), T0.AddSeconds(30) + Claim)); // renewal
        Assert.False(await store.TryClaimAsync("rpl-1", "host-b", T0.AddSeconds(149), T0.AddSeconds(149) + Claim)); // renewed to 2:30
        Assert.True(await store.TryClaimAsync("rpl-1", "host-b", T0.AddSeconds(151), T0.AddSeconds(151) + Claim)); // host-a stalled: taken over
        Assert.False(await store.TryClaimAsync("rpl-1", "host-a", T0.AddSeconds(152), T0.AddSeconds(152) + Claim)); // and host-a cannot take it back

        await store.ReleaseAsync("rpl-1", "host-a"); // not its claim any more: nothing happens
        Assert.False(await store.TryClaimAsync("rpl-1", "host-c", T0.AddSeconds(153), T0.AddSeconds(153) + Claim));
        await store.ReleaseAsync("rpl-1", "host-b");
        Assert.True(await store.TryClaimAsync("rpl-1", "host-c", T0.AddSeconds(154), T0.AddSeconds(154) + Claim));
        Assert.True(await store.TryClaimAsync("rpl-2", "host-a", T0, T0 + Claim)); // claims are per replay
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_many_hosts_racing_for_the_same_free_replay_exactly_one_wins(string kind)
    {
        var store = Store(kind);
        await store.TryClaimAsync("rpl-race", "warm-up", T0, T0); // an expired claim, so the race is on the update path too

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TryClaimAsync("rpl-race", $"host-{i}", T0.AddSeconds(1), T0.AddSeconds(1) + Claim))));

        Assert.Equal(1, wins.Count(w => w));
    }

    private static ReplayRecord Replay(string id, ReplayKind kind = ReplayKind.Drafting) =>
        new(id, "t1", null, null, "local2/hr-rules-v1", "hr.draft-job-description", "1", "operator-1", ReplayStatus.Queued, 3, 0, T0, T0,
            Kind: kind, Drafting: new DraftingSelection(["jd-a", "jd-b"], T0));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_many_hosts_starting_the_same_replay_at_the_same_instant_exactly_one_creates_it_and_all_answer_it(string kind)
    {
        var store = Store(kind);
        var key = ReplayStartKeys.Drafting("t1", ["jd-b", "jd-a"], "local2/hr-rules-v1");

        var starts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => store.CreateAsync(Replay($"rpl-race-{i}"), key))));

        Assert.Single(starts, s => s.Created);
        var winner = starts.Single(s => s.Created).Replay.ReplayId;
        Assert.All(starts, s => Assert.Equal(winner, s.Replay.ReplayId));
        Assert.Equal([winner], (await store.ListUnfinishedAsync()).Select(r => r.ReplayId));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Once_the_replay_under_a_start_key_has_ended_the_next_start_creates_a_new_one_and_other_keys_are_independent(string kind)
    {
        var store = Store(kind);
        var key = ReplayStartKeys.Drafting("t1", ["jd-a", "jd-b"], "local2/hr-rules-v1");
        var first = await store.CreateAsync(Replay("rpl-1"), key);
        Assert.True(first.Created);
        Assert.Equal(key, ReplayStartKeys.Drafting("t1", ["jd-b", "jd-a"], "LOCAL2/hr-rules-v1")); // order and case of the target do not matter

        await store.SaveAsync(first.Replay with { Status = ReplayStatus.Completed });
        var again = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.CreateAsync(Replay($"rpl-2-{i}"), key))));
        Assert.Single(again, s => s.Created);
        Assert.Equal(ReplayStatus.Completed, (await store.GetAsync("rpl-1"))!.Status);

        Assert.True((await store.CreateAsync(Replay("rpl-3"), ReplayStartKeys.Drafting("t1", ["jd-a"], "local2/hr-rules-v1"))).Created);
        Assert.True((await store.CreateAsync(Replay("rpl-4"), ReplayStartKeys.Drafting("t2", ["jd-a", "jd-b"], "local2/hr-rules-v1"))).Created);
        Assert.True((await store.CreateAsync(Replay("rpl-5", ReplayKind.Screening), ReplayStartKeys.Screening("t1.b-1", "local2/hr-rules-v1"))).Created);
        Assert.Equal(4, (await store.ListUnfinishedAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_cancel_request_is_kept_apart_from_the_record_so_progress_writes_cannot_undo_it(string kind)
    {
        var store = Store(kind);
        await store.SaveAsync(Replay("rpl-c") with { Status = ReplayStatus.Running });

        await store.RequestCancelAsync("rpl-c");
        await store.RequestCancelAsync("rpl-c"); // idempotent
        await store.SaveAsync(Replay("rpl-c") with { Status = ReplayStatus.Running, Done = 2 }); // a running host's progress

        Assert.True(await store.IsCancelRequestedAsync("rpl-c"));
        Assert.False(await store.IsCancelRequestedAsync("rpl-other"));
        Assert.Equal(["rpl-c"], (await store.ListUnfinishedAsync()).Select(r => r.ReplayId)); // the marker is not a replay
    }

    [Fact]
    public async Task Claims_never_show_up_as_replays()
    {
        var store = Store("table");
        await store.TryClaimAsync("rpl-x", "host-a", T0, T0 + Claim);

        Assert.Null(await store.GetAsync("rpl-x"));
        Assert.Empty(await store.ListUnfinishedAsync());

        // Nor do start rows (they share the replays' partition).
        var key = ReplayStartKeys.Screening("t1.b-1", "local2/hr-rules-v1");
        await store.CreateAsync(Replay("rpl-y") with { Status = ReplayStatus.Completed }, key);
        Assert.Null(await store.GetAsync("start-" + key));
        Assert.Empty(await store.ListUnfinishedAsync());
    }
}
