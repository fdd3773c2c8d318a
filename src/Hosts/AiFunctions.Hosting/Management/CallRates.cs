using System.Diagnostics.Metrics;
using AiFunctions.Kernel.Accounting;
using Microsoft.Extensions.Hosting;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// Calls and failures per minute over the last hour, for the management overview: an in-process rolling counter of
/// <b>this host</b> fed by the kernel's own instruments (meter <see cref="KernelTelemetry.MeterName"/> of this host's
/// meter factory): every target attempt records <c>aifunctions.kernel.call.duration</c> with <c>outcome</c> success or
/// failure (an attempt is one target's try of a route call, its retries included), and a target skipped because its
/// circuit is open or it is over its limit adds to <c>aifunctions.kernel.failures</c> with <c>failure.kind</c> Skipped.
/// Not shared between hosts and empty after a restart; the usage report (stored) is the durable view.
/// </summary>
public sealed class CallRates : IHostedService, IDisposable
{
    /// <summary>Minutes kept.</summary>
    public const int Minutes = 60;

    internal const string DurationInstrument = "aifunctions.kernel.call.duration";
    internal const string FailuresInstrument = "aifunctions.kernel.failures";

    private readonly Lock _gate = new();
    private readonly (long Minute, long Calls, long Failures)[] _slots = new (long, long, long)[Minutes];
    private readonly MeterListener _listener = new();
    private readonly IMeterFactory? _meters;
    private readonly TimeProvider _time;

    public CallRates(TimeProvider time, IMeterFactory? meters = null)
    {
        _time = time;
        _meters = meters;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KernelTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, _meters)
                && instrument.Name is DurationInstrument or FailuresInstrument)
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, state) => ((CallRates)state!).OnDuration(tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => ((CallRates)state!).OnFailure(value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The last <see cref="Minutes"/> minutes, oldest first, ending with the current (partial) minute; minutes without calls are 0.</summary>
    public IReadOnlyList<(DateTimeOffset Minute, long Calls, long Failures)> Snapshot()
    {
        var now = MinuteOf(_time.GetUtcNow());
        var result = new List<(DateTimeOffset, long, long)>(Minutes);
        lock (_gate)
        {
            for (var m = now - Minutes + 1; m <= now; m++)
            {
                var slot = _slots[(int)(m % Minutes)];
                result.Add((DateTimeOffset.FromUnixTimeSeconds(m * 60), slot.Minute == m ? slot.Calls : 0, slot.Minute == m ? slot.Failures : 0));
            }
        }

        return result;
    }

    public void Dispose() => _listener.Dispose();

    private void OnDuration(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var failed = false;
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                failed = tag.Value as string == "failure";
            }
        }

        Add(1, failed ? 1 : 0);
    }

    private void OnFailure(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "failure.kind" && tag.Value as string == "Skipped")
            {
                Add(value, value);
            }
        }
    }

    private void Add(long calls, long failures)
    {
        var minute = MinuteOf(_time.GetUtcNow());
        lock (_gate)
        {
            ref var slot = ref _slots[(int)(minute % Minutes)];
            if (slot.Minute != minute)
            {
                slot = (minute, 0, 0);
            }

            slot.Calls += calls;
            slot.Failures += failures;
        }
    }

    private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
