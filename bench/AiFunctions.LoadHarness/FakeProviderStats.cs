namespace AiFunctions.LoadHarness;

/// <summary>Calls served and the peak of calls in progress at once.</summary>
internal sealed class FakeProviderStats(int concurrency)
{
    private int _inFlight;
    private int _peak;
    private int _calls;

    public SemaphoreSlim Gate { get; } = new(concurrency, concurrency);

    public int Calls => Volatile.Read(ref _calls);

    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Calls in progress now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _calls);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _peak, 0);
    }
}
