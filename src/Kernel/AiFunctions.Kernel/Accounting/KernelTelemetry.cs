namespace AiFunctions.Kernel.Accounting;

/// <summary>Names of the kernel's telemetry sources, for OpenTelemetry's AddMeter/AddSource.</summary>
public static class KernelTelemetry
{
    public const string MeterName = "AiFunctions.Kernel";
    public const string ActivitySourceName = "AiFunctions.Kernel";

    /// <summary>
    /// The kernel failure reason (an <see cref="Errors.AiFailureReason"/> name) of a failed gen_ai chat span, set inside
    /// M.E.AI's OpenTelemetry client; the hosts turn it into the span's <c>error.type</c> and status description.
    /// </summary>
    public const string FailureReasonAttribute = "aifunctions.failure.reason";
}
