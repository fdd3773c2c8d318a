using AiFunctions.Testing;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests.Migration;

/// <summary>
/// An interrupted replay is resumed by one host, not by every host that starts: the claim in the replay store
/// (<see cref="IReplayStore.TryClaimAsync"/>), the same rules in memory and on Table storage (a real Azurite).
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

    [Fact]
    public async Task Claims_never_show_up_as_replays()
    {
        var store = Store("table");
        await store.TryClaimAsync("rpl-x", "host-a", T0, T0 + Claim);

        Assert.Null(await store.GetAsync("rpl-x"));
        Assert.Empty(await store.ListUnfinishedAsync());
    }
}
