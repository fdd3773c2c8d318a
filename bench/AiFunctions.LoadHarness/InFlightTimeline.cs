using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AiFunctions.LoadHarness;

/// <summary>
/// Samples the fake provider's calls in progress every 10 ms and prints their average per quarter second: where the
/// workflow leaves the provider idle (start-up, chunk and group boundaries, ranking).
/// </summary>
internal sealed class InFlightTimeline : IDisposable
{
    private readonly List<(double Seconds, int InFlight)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;

    public InFlightTimeline(FakeProviderStats stats, Stopwatch clock)
    {
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                lock (_samples)
                {
                    _samples.Add((clock.Elapsed.TotalSeconds, stats.InFlight));
                }
            }
        });
    }

    public void Print()
    {
        var line = new StringBuilder("calls in progress per 0.25 s: ");
        lock (_samples)
        {
            foreach (var quarter in _samples.GroupBy(s => (int)(s.Seconds * 4)))
            {
                line.Append(CultureInfo.InvariantCulture, $"{quarter.Key / 4.0:0.00}s:{quarter.Average(s => s.InFlight):0} ");
            }
        }

        Console.WriteLine(line.ToString().TrimEnd());
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _sampler.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
