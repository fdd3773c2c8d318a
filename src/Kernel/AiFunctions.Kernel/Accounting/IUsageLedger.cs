namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// In-process totals of usage and cost, summed per route, target, tenant and workflow (also published as
/// System.Diagnostics.Metrics instruments on the meter <see cref="KernelTelemetry.MeterName"/>).
/// </summary>
public interface IUsageLedger
{
    void Record(UsageRecord record);

    /// <summary>Totals grouped by the given dimension ("route", "target", "tenant", "workflow", "model").</summary>
    IReadOnlyDictionary<string, CallUsage> TotalsBy(UsageDimension dimension);

    CallUsage Total { get; }
}

public enum UsageDimension
{
    Route,
    Target,
    Tenant,
    Workflow,
    Model,
}

/// <summary>One provider call's usage with its dimensions. Target is "instance/model".</summary>
public sealed record UsageRecord(string Route, string Target, string Model, string Tenant, string Workflow, CallUsage Usage);
