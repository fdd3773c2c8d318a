namespace AiFunctions.Hosting.Management;

/// <summary>
/// One host's usage in one UTC hour for one tenant, route, workflow and model: what the kernel booked for every provider
/// response (<see cref="Kernel.Accounting.IUsageLedger.Record"/>). Cumulative for that host and hour, so a host rewrites
/// its own rows and readers add the rows of all hosts.
/// </summary>
/// <param name="Hour">Start of the UTC hour.</param>
/// <param name="Host">The recording host process (<see cref="UsageHistory.HostId"/>).</param>
/// <param name="Calls">Provider responses booked (retries and schema repairs that reached a provider included).</param>
/// <param name="Cost">In <paramref name="Currency"/>, from the price table (<c>AiFunctions:Pricing</c>).</param>
public sealed record UsageBucket(
    string Tenant, DateTimeOffset Hour, string Route, string Workflow, string Model, string Host,
    long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, decimal Cost, string Currency);
