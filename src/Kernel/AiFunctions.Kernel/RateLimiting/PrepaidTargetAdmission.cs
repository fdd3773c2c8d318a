using AiFunctions.Kernel.SharedState;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// A shared target window's admission made ahead, in the same Redis round trip as the call's tenant admission
/// (<see cref="KernelRateLimits.AcquireTenantAsync"/>), for the first provider request the call sends to
/// <see cref="TargetKey"/>: that request's check (<see cref="KernelRateLimits.TryAcquireTargetAsync"/>) takes it instead of a
/// round trip of its own. Taken at most once (concurrent attempts of one call race for it; the loser goes to Redis).
/// When the call ends without taking an admitted one (a cache hit, a budget refusal, a target skipped for its circuit),
/// <see cref="Dispose"/> gives its request back to the window, so the window counts only requests sent.
/// </summary>
internal sealed class PrepaidTargetAdmission(IKernelSharedState shared, string targetKey, string subject, DateTimeOffset admittedAt, string? refusedLimit, TimeSpan resetIn) : IDisposable
{
    private static readonly AsyncLocal<PrepaidTargetAdmission?> Ambient = new();
    private int _taken;

    public string TargetKey { get; } = targetKey;

    /// <summary>The call's prepaid admission, if it has one (set by <see cref="Begin"/> for the rest of the route call).</summary>
    public static PrepaidTargetAdmission? Current => Ambient.Value;

    /// <summary>Makes <paramref name="admission"/> the call's own until it is disposed.</summary>
    public static PrepaidTargetAdmission Begin(PrepaidTargetAdmission admission)
    {
        Ambient.Value = admission;
        return admission;
    }

    /// <summary>
    /// True (once) when this admission is for <paramref name="targetKey"/>: then <paramref name="refusedLimit"/> is null
    /// when the request was admitted, else the limit that refused it, with the window's <paramref name="retryAfter"/>.
    /// </summary>
    public bool TryTake(string targetKey, out string? refusedLimit, out TimeSpan? retryAfter)
    {
        refusedLimit = null;
        retryAfter = null;
        if (!string.Equals(targetKey, TargetKey, StringComparison.OrdinalIgnoreCase) || Interlocked.Exchange(ref _taken, 1) != 0)
        {
            return false;
        }

        if (RefusedLimit is not null)
        {
            (refusedLimit, retryAfter) = (RefusedLimit, ResetIn);
        }

        return true;
    }

    private string? RefusedLimit { get; } = refusedLimit;

    private TimeSpan ResetIn { get; } = resetIn;

    public void Dispose()
    {
        Ambient.Value = null;
        if (Interlocked.Exchange(ref _taken, 1) == 0 && RefusedLimit is null)
        {
            shared.ReturnRequest(subject, admittedAt);
        }
    }
}
