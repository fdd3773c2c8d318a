using System.Collections.Concurrent;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.SharedState;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// Circuit state through the shared-state abstraction (an in-memory store standing in for Redis, which
/// tests/AiFunctions.Providers.Tests/Gateway/SharedStateTests.cs covers for real): blocks other instances published are
/// read by the refresher, never on the call path, and this instance's open circuits and keep-outs are published.
/// </summary>
public sealed class SharedCircuitTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private static KernelHarness Create(FakeStore store, params (string Key, string? Value)[] extra) =>
        KernelHarness.Create(
            KernelHarness.FailoverRoute([("SharedState:CircuitRefreshInterval", "00:00:01"), .. extra]),
            configure: s => s.AddSingleton<IKernelSharedState>(store));

    [Fact]
    public async Task A_block_another_instance_published_is_skipped_after_one_refresh_and_calls_never_read_the_store()
    {
        var store = new FakeStore();
        using var k = Create(store);
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");
        var health = k.Get<ITargetHealth>();
        await WaitForReadsAsync(store, 1);

        // Another instance keeps a/m1 out for a minute.
        var now = k.Time.GetUtcNow();
        store.BlockTarget("a/m1", keptOut: true, now + TimeSpan.FromMinutes(1), now, "QuotaExhausted (HTTP 402)");
        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("hi")).Text); // not seen yet: at most one interval late

        var reads = store.Reads;
        k.Time.Advance(Refresh);
        await WaitForReadsAsync(store, reads + 1);
        Assert.Equal(TargetCircuitState.Open, health.Get("a", "m1").State);
        Assert.Equal("QuotaExhausted (HTTP 402)", health.Get("a", "m1").LastFailure);

        reads = store.Reads;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("from b", (await k.Route("r").GetResponseAsync("hi")).Text);
        }

        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(reads, store.Reads); // no store round trip per call

        // When the block ends, a/m1 is called again.
        k.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TargetCircuitState.Closed, health.Get("a", "m1").State);
        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("hi")).Text);
    }

    [Fact]
    public async Task A_keep_out_and_an_opened_circuit_here_are_published_until_they_end()
    {
        var store = new FakeStore();
        using var k = Create(
            store,
            ("Resilience:QuotaCooldown", "00:02:00"),
            ("Resilience:CircuitBreaker:MinimumThroughput", "2"),
            ("Resilience:CircuitBreaker:BreakDuration", "00:00:30"));
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.QuotaExhausted, "a", "HTTP 402", 402));
        k.Plugin.Client("b", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "b", "HTTP 503", 503));
        var start = k.Time.GetUtcNow();

        // a: quota gone (kept out); b: two 503s open its circuit (failure ratio 0.5 over at least 2 calls).
        await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));
        await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));

        var a = Assert.Single(store.Published, p => p.Target == "a/m1");
        Assert.True(a.KeptOut);
        Assert.Equal(start + TimeSpan.FromMinutes(2), a.Until);
        Assert.Contains("QuotaExhausted", a.Reason, StringComparison.Ordinal);
        var b = Assert.Single(store.Published, p => p.Target == "b/m1");
        Assert.False(b.KeptOut);
        Assert.Equal(start + TimeSpan.FromSeconds(30), b.Until);
    }

    private static async Task WaitForReadsAsync(FakeStore store, int reads)
    {
        for (var i = 0; i < 500 && store.Reads < reads; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(store.Reads >= reads, $"the refresher read the store {store.Reads} time(s), expected {reads}");
    }

    /// <summary>Target blocks in memory, with the same extend-only rule as the Redis script; counts reads.</summary>
    private sealed class FakeStore : IKernelSharedState
    {
        private readonly ConcurrentDictionary<string, SharedTargetBlock> _blocks = new(StringComparer.OrdinalIgnoreCase);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public ConcurrentQueue<(string Target, bool KeptOut, DateTimeOffset Until, string? Reason)> Published { get; } = new();

        public void BlockTarget(string target, bool keptOut, DateTimeOffset until, DateTimeOffset since, string? reason)
        {
            Published.Enqueue((target, keptOut, until, reason));
            _blocks.AddOrUpdate(
                target,
                _ => keptOut ? new(DateTimeOffset.MinValue, until, since, reason) : new(until, DateTimeOffset.MinValue, since, reason),
                (_, b) => keptOut
                    ? (until > b.KeptOutUntil ? b with { KeptOutUntil = until, Since = since, Reason = reason } : b)
                    : (until > b.OpenUntil ? b with { OpenUntil = until, Since = since, Reason = reason } : b));
        }

        public Task<IReadOnlyList<SharedTargetBlock?>> ReadTargetBlocksAsync(IReadOnlyList<string> targets)
        {
            var blocks = targets.Select(t => _blocks.TryGetValue(t, out var b) ? b : null).ToArray();
            Interlocked.Increment(ref _reads);
            return Task.FromResult<IReadOnlyList<SharedTargetBlock?>>(blocks);
        }

        public (long Tokens, decimal Cost) ReadSpent(string key) => (0, 0m);

        public Task<(long Tokens, decimal Cost)> ReadSpentAsync(string key) => Task.FromResult((0L, 0m));

        public void AddSpent(string key, long tokens, decimal cost)
        {
        }

        public Task<(int Index, WindowRefusal Refused, TimeSpan ResetIn)> AdmitToWindowsAsync(IReadOnlyList<SharedWindow> windows, DateTimeOffset now) =>
            Task.FromResult((-1, WindowRefusal.None, TimeSpan.FromMinutes(1)));

        public void ReturnRequest(string key, DateTimeOffset admittedAt)
        {
        }

        public void AddTokensToWindows(IReadOnlyList<string> keys, long tokens, DateTimeOffset now)
        {
        }

        public void AddUsage(IReadOnlyList<(string Dimension, string Key)> keys, long input, long output, long cached, decimal cost, string currency)
        {
        }

        public IReadOnlyDictionary<string, (long Input, long Output, long Cached, decimal Cost, string Currency)> ReadUsage(string dimension) =>
            new Dictionary<string, (long, long, long, decimal, string)>();
    }
}
