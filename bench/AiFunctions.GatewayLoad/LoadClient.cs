using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace AiFunctions.GatewayLoad;

/// <summary>One closed-loop run: N workers each send a request, wait for the whole answer, and send the next.</summary>
internal sealed record Target(string Name, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body);

internal sealed record RunResult(string Target, int Concurrency, long Requests, long Errors, double Seconds, double[] LatenciesMs, double? AllocatedPerRequest, TimeSpan? CpuPerRequest)
{
    public double Throughput => Requests / Seconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }
}

internal static class LoadClient
{
    /// <param name="allocated">Reads the bytes the server has allocated so far (null when it cannot tell).</param>
    /// <param name="cpu">Reads the server process's CPU time so far (null when it cannot tell).</param>
    public static async Task<RunResult> RunAsync(HttpClient http, Target target, int concurrency, TimeSpan warmup, TimeSpan duration, Func<Task<long?>> allocated, Func<TimeSpan?> cpu)
    {
        await LoopAsync(http, target, concurrency, warmup, null).ConfigureAwait(false);
        var allocatedBefore = await allocated().ConfigureAwait(false);
        var cpuBefore = cpu();
        var samples = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            samples[i] = new List<double>(100_000);
        }

        var watch = Stopwatch.StartNew();
        var errors = await LoopAsync(http, target, concurrency, duration, samples).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuAfter = cpu();
        var allocatedAfter = await allocated().ConfigureAwait(false);
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        // Requests counted by the server = successes + errors (the probe's own two reads are negligible).
        var perRequest = allocatedBefore is { } before && allocatedAfter is { } after && all.Length + errors > 0 ? (after - before) / (double)(all.Length + errors) : (double?)null;
        var served = all.Length + errors;
        var cpuPerRequest = cpuBefore is { } c0 && cpuAfter is { } c1 && served > 0 ? (c1 - c0) / served : (TimeSpan?)null;
        return new RunResult(target.Name, concurrency, all.Length, errors, seconds, all, perRequest, cpuPerRequest);
    }

    private static async Task<long> LoopAsync(HttpClient http, Target target, int concurrency, TimeSpan duration, List<double>[]? samples)
    {
        var body = Encoding.UTF8.GetBytes(target.Body);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long errors = 0;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                foreach (var (name, value) in target.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                samples?[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return errors;
    }
}
