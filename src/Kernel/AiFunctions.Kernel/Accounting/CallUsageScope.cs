namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Collects the priced usage booked in the current async flow, for whoever needs a call's total: the AI function result
/// and the route and attempt spans. Scopes nest (an AI function's scope around the executor's); usage added to a scope
/// counts for its outer scopes too. Only started when someone reads it, so a plain route call without a trace listener
/// pays nothing for it.
/// </summary>
internal sealed class CallUsageScope : IDisposable
{
    private static readonly AsyncLocal<CallUsageScope?> Ambient = new();
    private readonly CallUsageScope? _parent;
    private long _input;
    private long _output;
    private long _cached;
    private decimal _cost;
    private string _currency = CallUsage.None.Currency;
    private CallUsageScope? _restore;
    private bool _detached;

    private CallUsageScope(CallUsageScope? parent) => _parent = parent;

    public static CallUsageScope? Current => Ambient.Value;

    public CallUsage Total
    {
        get
        {
            lock (this)
            {
                return new CallUsage(_input, _output, _cached, _cost, _currency);
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

    /// <summary>Starts a scope with no outer scope (a shadow call's usage must never count for the primary's).</summary>
    public static CallUsageScope BeginDetached()
    {
        var scope = new CallUsageScope(null) { _restore = Ambient.Value, _detached = true };
        Ambient.Value = scope;
        return scope;
    }

    public void Add(CallUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        lock (this)
        {
            _input += usage.InputTokens;
            _output += usage.OutputTokens;
            _cached += usage.CachedInputTokens;
            _cost += usage.Cost;
            _currency = usage.Currency;
        }

        _parent?.Add(usage);
    }

    public void Dispose() => Ambient.Value = _detached ? _restore : _parent;
}
