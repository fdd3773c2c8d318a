namespace AiFunctions.Kernel.Accounting;

/// <summary>Names of the kernel's telemetry sources, for OpenTelemetry's AddMeter/AddSource.</summary>
public static class KernelTelemetry
{
    public const string MeterName = "AiFunctions.Kernel";
    public const string ActivitySourceName = "AiFunctions.Kernel";
}
