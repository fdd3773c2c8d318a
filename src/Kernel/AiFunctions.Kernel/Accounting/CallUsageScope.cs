namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Collects the priced usage booked in the current async flow: one scope per route call (the AI function result's
/// usage) and one per target attempt (the attempt span's tokens and cost); an attempt's usage also counts for its call.
/// </summary>
internal sealed class CallUsageScope : IDisposable
{
    private static readonly AsyncLocal<CallUsageScope?> Ambient = new();
    private readonly CallUsageScope? _parent;
    private readonly Lock _lock = new();
    private CallUsage _total = CallUsage.None;

    private CallUsageScope(CallUsageScope? parent) => _parent = parent;

    public static CallUsageScope? Current => Ambient.Value;

    public CallUsage Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Starts a scope nested in the current one (if any); dispose it to restore the outer one.</summary>
    public static CallUsageScope Begin()
    {
        var scope = new CallUsageScope(Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    public void Add(CallUsage usage)
    {
        lock (_lock)
        {
            _total = UsageLedger.Add(_total, usage);
        }

        _parent?.Add(usage);
    }

    public void Dispose() => Ambient.Value = _parent;
}
