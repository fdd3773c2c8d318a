using AiFunctions.DevServices;
using StackExchange.Redis;

namespace AiFunctions.Kernel.Tests.Support;

/// <summary>
/// What the shared-window tests have in common: a real redis-server of their own, kernels (instances) on it under one
/// key prefix with the failover route plus a one-target route <c>solo</c> (a → "from a", b → "from b"), and reads of a
/// subject's window hash as the kernel writes it (<c>{prefix}rl:{minute}:{subject}</c>). The kernels' fake clocks stand
/// at 12:00:00 UTC, so every instance shares one window deterministically.
/// </summary>
public abstract class SharedWindowTestBase : IAsyncLifetime
{
    /// <summary>The UTC minute of the kernels' fake clocks (12:00, 2026-11-27), as the window keys carry it.</summary>
    protected static readonly long Minute = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 60;

    protected string Prefix { get; } = $"tw-{Guid.NewGuid():N}:";

    protected RedisProcess Redis { get; private set; } = null!;

    public async Task InitializeAsync() => Redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync() => await Redis.DisposeAsync();

    /// <summary>A kernel on <paramref name="redis"/> (default: this class's server) with <paramref name="limits"/>, its fakes answering.</summary>
    protected KernelHarness Instance(string? redis = null, params (string Key, string? Value)[] limits) => Instance(redis, replies: true, limits);

    protected KernelHarness Instance(string? redis, bool replies, params (string Key, string? Value)[] limits)
    {
        var k = KernelHarness.Create(KernelHarness.FailoverRoute(
        [
            ("SharedState:Redis", redis ?? Redis.ConnectionString),
            ("SharedState:KeyPrefix", Prefix),
            ("Routes:solo:Targets:0:Provider", "a"), ("Routes:solo:Targets:0:Model", "m1"),
            ("Routes:solo:Redact", "false"), ("Routes:solo:MaxRetries", "0"),
            .. limits,
        ]));
        if (replies)
        {
            k.Plugin.Client("a", "m1").Reply("from a");
            k.Plugin.Client("b", "m1").Reply("from b");
        }

        return k;
    }

    protected string WindowKey(string subject, int minute = 0) => $"{Prefix}rl:{{{Minute + minute}}}:{subject}";

    /// <summary>A field of the subject's window of 12:00 UTC (+ <paramref name="minute"/> minutes); 0 when absent.</summary>
    protected async Task<long> FieldAsync(string subject, string field, int minute = 0)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        return (long?)await connection.GetDatabase().HashGetAsync(WindowKey(subject, minute), field) ?? 0;
    }

    /// <summary>Tokens and returned requests are written after the call without waiting: waits until the window holds them.</summary>
    protected async Task WaitForFieldAsync(string subject, string field, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long actual;
        while ((actual = await FieldAsync(subject, field)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{WindowKey(subject)} {field} is {actual}, never reached {expected}");
            await Task.Delay(20);
        }
    }
}
