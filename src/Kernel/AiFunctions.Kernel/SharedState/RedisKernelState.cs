using System.Globalization;
using StackExchange.Redis;

namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// <see cref="IKernelSharedState"/> on Redis (StackExchange.Redis). Budget spending: a hash per budget key with
/// fields <c>tokens</c> and <c>nanos</c> (cost in 1e-9 units, so sums stay exact integers). Rate-limit windows: one
/// counter per key and UTC minute, expiring after two minutes (INCRBY + PEXPIRE in one script). Usage ledger: one hash
/// per dimension with fields <c>{key}|in</c>, <c>|out</c>, <c>|cached</c>, <c>|nanos</c>, <c>|cur</c>. Writes that
/// no decision waits for are fire-and-forget (pipelined, ordered on the connection); reads are round trips.
/// </summary>
internal sealed class RedisKernelState(IConnectionMultiplexer redis, string prefix) : IKernelSharedState
{
    private const decimal NanosPerUnit = 1_000_000_000m;
    private static readonly TimeSpan WindowExpiry = TimeSpan.FromMinutes(2);

    private static readonly LuaScript AddToWindowScript = LuaScript.Prepare(
        "local total = redis.call('INCRBY', @key, @units) " +
        "if total == tonumber(@units) then redis.call('PEXPIRE', @key, @ttl) end " +
        "return total");

    private IDatabase Db => redis.GetDatabase();

    public (long Tokens, decimal Cost) ReadSpent(string key)
    {
        var values = Db.HashGet(prefix + "budget:" + key, [(RedisValue)"tokens", (RedisValue)"nanos"]);
        return ((long?)values[0] ?? 0, ((long?)values[1] ?? 0) / NanosPerUnit);
    }

    public void AddSpent(string key, long tokens, decimal cost)
    {
        var hash = prefix + "budget:" + key;
        var batch = Db.CreateBatch();
        _ = batch.HashIncrementAsync(hash, "tokens", tokens, CommandFlags.FireAndForget);
        _ = batch.HashIncrementAsync(hash, "nanos", ToNanos(cost), CommandFlags.FireAndForget);
        batch.Execute();
    }

    public (long Total, TimeSpan ResetIn) AddToWindow(string key, long units, DateTimeOffset now)
    {
        var (windowKey, resetIn) = Window(key, now);
        var total = (long)Db.ScriptEvaluate(AddToWindowScript, new { key = (RedisKey)windowKey, units, ttl = (long)WindowExpiry.TotalMilliseconds });
        return (total, resetIn);
    }

    public long ReadWindow(string key, DateTimeOffset now) => (long?)Db.StringGet(Window(key, now).Key) ?? 0;

    public void AddUsage(IReadOnlyList<(string Dimension, string Key)> keys, long input, long output, long cached, decimal cost, string currency)
    {
        var batch = Db.CreateBatch();
        var nanos = ToNanos(cost);
        foreach (var (dimension, key) in keys)
        {
            var hash = prefix + "usage:" + dimension;
            _ = batch.HashIncrementAsync(hash, key + "|in", input, CommandFlags.FireAndForget);
            _ = batch.HashIncrementAsync(hash, key + "|out", output, CommandFlags.FireAndForget);
            if (cached != 0)
            {
                _ = batch.HashIncrementAsync(hash, key + "|cached", cached, CommandFlags.FireAndForget);
            }

            if (nanos != 0)
            {
                _ = batch.HashIncrementAsync(hash, key + "|nanos", nanos, CommandFlags.FireAndForget);
                _ = batch.HashSetAsync(hash, key + "|cur", currency, When.NotExists, CommandFlags.FireAndForget);
            }
        }

        batch.Execute();
    }

    public IReadOnlyDictionary<string, (long Input, long Output, long Cached, decimal Cost, string Currency)> ReadUsage(string dimension)
    {
        var result = new Dictionary<string, (long Input, long Output, long Cached, decimal Cost, string Currency)>(StringComparer.Ordinal);
        foreach (var entry in Db.HashGetAll(prefix + "usage:" + dimension))
        {
            var field = (string)entry.Name!;
            var bar = field.LastIndexOf('|');
            if (bar <= 0)
            {
                continue;
            }

            var key = field[..bar];
            var current = result.TryGetValue(key, out var c) ? c : (0, 0, 0, 0m, "USD");
            switch (field[(bar + 1)..])
            {
                case "in": current.Input = (long)entry.Value; break;
                case "out": current.Output = (long)entry.Value; break;
                case "cached": current.Cached = (long)entry.Value; break;
                case "nanos": current.Cost = (long)entry.Value / NanosPerUnit; break;
                case "cur": current.Currency = (string)entry.Value!; break;
            }

            result[key] = current;
        }

        return result;
    }

    private (string Key, TimeSpan ResetIn) Window(string key, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var resetIn = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60) - now;
        return (prefix + "rl:" + key + ":" + minute.ToString(CultureInfo.InvariantCulture), resetIn);
    }

    private static long ToNanos(decimal cost) => (long)decimal.Round(cost * NanosPerUnit);
}
