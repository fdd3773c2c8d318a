using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace AiFunctions.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the benchmark thread's own CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>,
/// nanoseconds) instead of wall time: on a machine shared with other builds the time the thread spends waiting for a
/// core is left out, so A/B comparisons under load are far less noisy. It still counts what the thread itself does
/// (its gen0 collections included), not other threads' work. Used with <c>--cpu-clock</c> (in process only).
/// </summary>
internal sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static readonly ThreadCpuClock Instance = new();

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var now);
        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
