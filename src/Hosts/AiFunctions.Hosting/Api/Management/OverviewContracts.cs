using AiFunctions.Kernel.Resilience;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>
/// Answer of <c>GET /api/manage/overview</c>: the console's first page, for the caller's tenant where data is a
/// tenant's (spend, batches, reviews) and for the deployment where it is not (health, circuits).
/// </summary>
/// <param name="At">When this overview was taken (UTC).</param>
/// <param name="Health">The readiness checks (what <c>GET /health/ready</c> answers).</param>
/// <param name="Circuits">Every target a route names, with its circuit state and last failure (the kernel's <see cref="ITargetHealth"/>, this host's view).</param>
/// <param name="CallsPerMinute">The last 60 minutes on this host, oldest first (<see cref="MinuteCalls"/>).</param>
/// <param name="SpendToday">The tenant's usage since 00:00 UTC, across hosts (as the usage report).</param>
/// <param name="Work">The tenant's batches running and items waiting for review.</param>
public sealed record Overview(
    DateTimeOffset At, string Tenant, HealthResponse Health, IReadOnlyList<TargetHealthInfo> Circuits,
    IReadOnlyList<MinuteCalls> CallsPerMinute, UsageRow SpendToday, OverviewWork Work);

/// <summary>
/// One minute of kernel calls on this host: <see cref="Calls"/> target attempts (a target's try of a route call with its
/// retries; targets skipped because their circuit is open or they are over a limit count too), <see cref="Failures"/>
/// the attempts that failed and the skips. An in-process rolling counter: not shared between hosts, empty after a restart.
/// </summary>
public sealed record MinuteCalls(DateTimeOffset Minute, long Calls, long Failures);

/// <summary>
/// The tenant's work in progress, counted from the listing stores. A count that reached <see cref="OverviewWork.CountLimit"/>
/// is reported as that limit with <see cref="AtLeast"/> true.
/// </summary>
/// <param name="BatchesRunning">Screening batches Accepted, Screening or Ranking.</param>
/// <param name="ScreeningsAwaitingReview">Batches whose shortlist waits for a reviewer.</param>
/// <param name="JobDescriptionsAwaitingReview">Drafts waiting for a reviewer.</param>
public sealed record OverviewWork(int BatchesRunning, int ScreeningsAwaitingReview, int JobDescriptionsAwaitingReview, bool AtLeast)
{
    /// <summary>The most records counted per figure.</summary>
    public const int CountLimit = 1000;
}
