using System.Text.Json.Nodes;

namespace AiFunctions.Console.Api;

// The console's view of the management API (/api/manage/..., docs/management.md). Route settings stay JSON objects:
// a change sends back what was read with the edits, so settings the console does not edit are kept as they were.

/// <summary><c>GET /api/manage/routes</c>.</summary>
public sealed record ManagedRouteList(IReadOnlyList<ManagedRoute> Routes);

/// <summary>One route as it is now: its newest version, who made it, its settings and its targets' state.</summary>
public sealed record ManagedRoute(string Route, int Version, int AppliedVersion, string ChangedBy, DateTimeOffset? ChangedAt, string? Reason, JsonObject Settings, IReadOnlyList<ManagedRouteTarget> Targets);

/// <summary>A target of a route with its circuit and configured rate limits.</summary>
public sealed record ManagedRouteTarget(string Target, string Provider, string Model, int Weight, string Circuit, string? LastFailure, int? RequestsPerMinute, int? TokensPerMinute);

/// <summary>One version of a route (the route-change audit record).</summary>
public sealed record RouteVersion(string Route, int Version, string Kind, string ChangedBy, DateTimeOffset? ChangedAt, string? Reason, int? RolledBackTo, JsonObject? Before, JsonObject After);

/// <summary><c>GET /api/manage/routes/{route}/versions</c>: newest first.</summary>
public sealed record RouteVersionList(IReadOnlyList<RouteVersion> Items, string? ContinuationToken);

/// <summary>Body of <c>POST /api/manage/routes/{route}/rollback</c>.</summary>
public sealed record RouteRollbackRequest(int ToVersion, string? Reason);

/// <summary><c>GET /api/manage/usage</c>: the caller's tenant's usage and cost, with budgets.</summary>
public sealed record UsageReport(string Tenant, string GroupBy, string Period, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageRow> Rows, IReadOnlyList<UsageRow> Totals, IReadOnlyList<BudgetState> Budgets, string? ContinuationToken);

/// <summary>Usage of one group in one period (or over the whole range, in totals).</summary>
public sealed record UsageRow(DateTimeOffset? PeriodStart, string Key, long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, long TotalTokens, decimal Cost, string Currency);

/// <summary>A budget covering the tenant in its current period, with what remains.</summary>
public sealed record BudgetState(string Budget, string Tenant, string Route, string Period, string PeriodKey, long? MaxTokens, decimal? MaxCost, long TokensSpent, decimal CostSpent, long? TokensRemaining, decimal? CostRemaining);

/// <summary><c>GET /api/manage/overview</c>: health, circuits, calls per minute, spend today and work waiting, for the caller's tenant.</summary>
public sealed record OverviewReport(DateTimeOffset At, string Tenant, HealthReport Health, IReadOnlyList<TargetHealth> Circuits, IReadOnlyList<MinuteCalls> CallsPerMinute, UsageRow SpendToday, OverviewWork Work);

/// <summary>A target's circuit state and last failure (this host's view).</summary>
public sealed record TargetHealth(string Target, string Instance, string Model, string State, string? LastFailure, DateTimeOffset? OpenedAt);

/// <summary>One minute of target attempts and failures on the answering host.</summary>
public sealed record MinuteCalls(DateTimeOffset Minute, long Calls, long Failures);

/// <summary>The tenant's work in progress (<see cref="AtLeast"/>: a count reached the API's counting limit).</summary>
public sealed record OverviewWork(int BatchesRunning, int ScreeningsAwaitingReview, int JobDescriptionsAwaitingReview, bool AtLeast);

/// <summary><c>GET /api/manage/audit/decisions</c>: the tenant's batches with their decision trails.</summary>
public sealed record AuditDecisionList(IReadOnlyList<BatchDecisions> Items, string? ContinuationToken);

/// <summary>One batch's decision trail, who scored it and where its results and bias audit are.</summary>
public sealed record BatchDecisions(string BatchId, string RequisitionId, string Title, string Status, DateTimeOffset UpdatedAt, IReadOnlyList<DecisionTrailEntry> Decisions, IReadOnlyList<string> ScoredBy);

/// <summary><c>GET /api/manage/audit/route-changes</c>: route versions, newest first (configuration not listed).</summary>
public sealed record RouteChangeList(IReadOnlyList<RouteVersion> Items, string? ContinuationToken);

/// <summary><c>GET /api/audits/erasures</c>: the tenant's erasure log, newest first.</summary>
public sealed record ErasureLogList(IReadOnlyList<ErasureLogEntry> Items, string? ContinuationToken);

/// <summary>One erasure or retention purge: what it did, by whom and when; a candidate named only by the SHA-256 subject key.</summary>
public sealed record ErasureLogEntry(string SubjectKey, IReadOnlyList<string>? Batches, int ResumesDeleted, int ResultsErased, int SelfIdentifiedRemoved, int InstancesPurged, string RequestedBy, DateTimeOffset? At, string? Kind = null, string? Trigger = null, int DeadLettersDeleted = 0, IReadOnlyList<string>? DataKinds = null);
