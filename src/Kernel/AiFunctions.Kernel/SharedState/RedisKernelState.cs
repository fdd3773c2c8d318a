using System.Globalization;
using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// <see cref="IKernelSharedState"/> on Redis (StackExchange.Redis). Budget spending: a hash per budget key with
/// fields <c>tokens</c> and <c>nanos</c> (cost in 1e-9 units, so sums stay exact integers). Rate-limit windows
/// (tenants and targets): one hash per subject and UTC minute (<c>rl:{minute}:{subject}</c>, the minute as hash tag; fields <c>requests</c>
/// and <c>tokens</c>), expiring after two minutes; an admission at one or more windows is one script (one round trip,
/// atomic). Usage ledger: one hash
/// per dimension with fields <c>{key}|in</c>, <c>|out</c>, <c>|cached</c>, <c>|nanos</c>, <c>|cur</c>. Target blocks:
/// a hash per target (<c>circuit:{instance/model}</c>, lower case) with fields <c>open</c> and <c>out</c> (until when, Unix
/// ms), <c>since</c> and <c>reason</c>, expiring (PEXPIREAT) when its later block ends; a write only extends (script).
/// Writes that no decision waits for are fire-and-forget (pipelined, ordered on the connection); reads are round trips.
/// When Redis does not answer, a decision (budget read, window count) throws the transient
/// <see cref="SharedStateUnavailableException"/> (the call is refused, never let through unchecked); a write after an
/// answered call is never awaited, so the caller still gets the answer it paid for: the client queues it while the
/// connection is down and sends it on reconnect, one it refuses at once is logged (without keys or values) and dropped,
/// and one in flight when a connection dies is lost (docs/kernel.md, "Writes while Redis is away").
/// </summary>
internal sealed class RedisKernelState(IConnectionMultiplexer redis, string prefix, ILogger? logger = null) : IKernelSharedState
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private const decimal NanosPerUnit = 1_000_000_000m;
    private static readonly TimeSpan WindowExpiry = TimeSpan.FromMinutes(2);

    // KEYS: one hash per subject and UTC minute (fields 'tokens', 'requests'), in admission order. ARGV[1]: expiry in
    // ms; then per key its token and request thresholds (-1: not checked). Stops at the first refusal. Returns
    // {index, 1 = tokens | 2 = requests} for the refusing key (1-based), {0, 0} when every key admitted a request.
    private const string AdmitScript =
        "for i, key in ipairs(KEYS) do " +
        "local t = tonumber(ARGV[2 * i]) " +
        "if t >= 0 and tonumber(redis.call('HGET', key, 'tokens') or '0') >= t then return {i, 1} end " +
        "local r = tonumber(ARGV[2 * i + 1]) " +
        "if r >= 0 then " +
        "if tonumber(redis.call('HGET', key, 'requests') or '0') >= r then return {i, 2} end " +
        "if redis.call('HINCRBY', key, 'requests', 1) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end " +
        "end " +
        "end " +
        "return {0, 0}";

    // KEYS[1]: one subject's window. Takes one request back only while the window counts one: a window the store no
    // longer holds (a restart without persistence, an expired minute) is not re-created — a plain HINCRBY -1 would leave
    // a count below zero (one request beyond the limit) in a key without expiry.
    private const string ReturnScript =
        "if tonumber(redis.call('HGET', KEYS[1], 'requests') or '0') > 0 then return redis.call('HINCRBY', KEYS[1], 'requests', -1) end " +
        "return -1";

    // KEYS[1] the target's hash; ARGV: field ('open' or 'out'), until (Unix ms), since (Unix ms), reason.
    private static readonly LuaScript BlockTargetScript = LuaScript.Prepare(
        "local current = tonumber(redis.call('HGET', @key, @field) or '0') " +
        "if tonumber(@until) <= current then return 0 end " +
        "redis.call('HSET', @key, @field, @until, 'since', @since, 'reason', @reason) " +
        "local open = tonumber(redis.call('HGET', @key, 'open') or '0') " +
        "local out = tonumber(redis.call('HGET', @key, 'out') or '0') " +
        "redis.call('PEXPIREAT', @key, math.max(open, out)) " +
        "return 1");

    private static readonly RedisValue[] BlockFields = ["open", "out", "since", "reason"];

    private IDatabase Db => redis.GetDatabase();

    public (long Tokens, decimal Cost) ReadSpent(string key) => Decide(() =>
    {
        var values = Db.HashGet(prefix + "budget:" + key, [(RedisValue)"tokens", (RedisValue)"nanos"]);
        return ((long?)values[0] ?? 0, ((long?)values[1] ?? 0) / NanosPerUnit);
    });

    public async Task<(long Tokens, decimal Cost)> ReadSpentAsync(string key)
    {
        try
        {
            var values = await Db.HashGetAsync(prefix + "budget:" + key, [(RedisValue)"tokens", (RedisValue)"nanos"]).ConfigureAwait(false);
            return ((long?)values[0] ?? 0, ((long?)values[1] ?? 0) / NanosPerUnit);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            throw new SharedStateUnavailableException(ex);
        }
    }

    public void AddSpent(string key, long tokens, decimal cost) => Record("budget spending", () =>
    {
        var hash = prefix + "budget:" + key;
        var batch = Db.CreateBatch();
        _ = batch.HashIncrementAsync(hash, "tokens", tokens, CommandFlags.FireAndForget);
        _ = batch.HashIncrementAsync(hash, "nanos", ToNanos(cost), CommandFlags.FireAndForget);
        batch.Execute();
    });

    public async Task<(int Index, WindowRefusal Refused, TimeSpan ResetIn)> AdmitToWindowsAsync(IReadOnlyList<SharedWindow> windows, DateTimeOffset now)
    {
        var keys = new RedisKey[windows.Count];
        var args = new RedisValue[1 + (2 * windows.Count)];
        args[0] = (long)WindowExpiry.TotalMilliseconds;
        var resetIn = TimeSpan.Zero;
        for (var i = 0; i < windows.Count; i++)
        {
            (var key, resetIn) = Window(windows[i].Key, now);
            keys[i] = key;
            args[1 + (2 * i)] = windows[i].TokenThreshold;
            args[2 + (2 * i)] = windows[i].RequestThreshold;
        }

        RedisResult[] verdict;
        try
        {
            verdict = (RedisResult[])(await Db.ScriptEvaluateAsync(AdmitScript, keys, args).ConfigureAwait(false))!;
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            throw new SharedStateUnavailableException(ex);
        }

        var index = (int)verdict[0];
        return (index - 1, index == 0 ? WindowRefusal.None : (WindowRefusal)(int)verdict[1], resetIn);
    }

    public void ReturnRequest(string key, DateTimeOffset admittedAt) => Record("a returned request", () =>
        _ = Db.ScriptEvaluateAsync(ReturnScript, [(RedisKey)Window(key, admittedAt).Key], flags: CommandFlags.FireAndForget));

    public void AddTokensToWindows(IReadOnlyList<string> keys, long tokens, DateTimeOffset now) => Record("rate-limit tokens", () =>
    {
        var batch = Db.CreateBatch();
        foreach (var key in keys)
        {
            var windowKey = Window(key, now).Key;
            _ = batch.HashIncrementAsync(windowKey, "tokens", tokens, CommandFlags.FireAndForget);
            _ = batch.KeyExpireAsync(windowKey, WindowExpiry, CommandFlags.FireAndForget);
        }

        batch.Execute();
    });

    public void AddUsage(IReadOnlyList<(string Dimension, string Key)> keys, long input, long output, long cached, decimal cost, string currency) => Record("usage", () =>
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
    });

    public IReadOnlyDictionary<string, (long Input, long Output, long Cached, decimal Cost, string Currency)> ReadUsage(string dimension) => Decide(() =>
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

        return (IReadOnlyDictionary<string, (long Input, long Output, long Cached, decimal Cost, string Currency)>)result;
    });

    public void BlockTarget(string target, bool keptOut, DateTimeOffset until, DateTimeOffset since, string? reason) => Record("a target block", () =>
        _ = Db.ScriptEvaluateAsync(
            BlockTargetScript,
            new
            {
                key = (RedisKey)BlockKey(target),
                field = keptOut ? "out" : "open",
                until = until.ToUnixTimeMilliseconds(),
                since = since.ToUnixTimeMilliseconds(),
                reason = reason ?? string.Empty,
            },
            CommandFlags.FireAndForget));

    public async Task<IReadOnlyList<SharedTargetBlock?>> ReadTargetBlocksAsync(IReadOnlyList<string> targets)
    {
        var batch = Db.CreateBatch();
        var reads = new Task<RedisValue[]>[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            reads[i] = batch.HashGetAsync(BlockKey(targets[i]), BlockFields);
        }

        batch.Execute();
        var blocks = new SharedTargetBlock?[targets.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            var values = await reads[i].ConfigureAwait(false);
            if (values[0].IsNull && values[1].IsNull)
            {
                continue;
            }

            blocks[i] = new SharedTargetBlock(
                FromUnixMs(values[0]), FromUnixMs(values[1]), FromUnixMs(values[2]),
                values[3].IsNullOrEmpty ? null : (string?)values[3]);
        }

        return blocks;
    }

    /// <summary>A read a decision waits for: a store that does not answer refuses the call (transient).</summary>
    private static T Decide<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            throw new SharedStateUnavailableException(ex);
        }
    }

    /// <summary>A write after an answered call: a store that does not take it is logged and the write dropped.</summary>
    private void Record(string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            _logger.LogWarning("The shared state store did not take {What} ({Error}); it is not counted across instances.", what, ex.GetType().Name);
        }
    }

    private string BlockKey(string target) => prefix + "circuit:" + target.ToLowerInvariant();

    private static DateTimeOffset FromUnixMs(RedisValue value) =>
        value.IsNull ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds((long)value);

    /// <summary>
    /// The subject's hash for the UTC minute of <paramref name="now"/> and the time until that minute ends. The minute is
    /// the key's hash tag (<c>{prefix}rl:{minute}:{subject}</c>), so one admission's windows share a cluster slot.
    /// </summary>
    private (string Key, TimeSpan ResetIn) Window(string key, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var resetIn = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60) - now;
        return (prefix + "rl:{" + minute.ToString(CultureInfo.InvariantCulture) + "}:" + key, resetIn);
    }

    private static long ToNanos(decimal cost) => (long)decimal.Round(cost * NanosPerUnit);
}
