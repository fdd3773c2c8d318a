using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>Answer of <c>GET /api/manage/audit/decisions</c>: one page of the tenant's batches, most recently updated first.</summary>
public sealed record AuditDecisionList(IReadOnlyList<BatchDecisions> Items, string? ContinuationToken, string? NextUri);

/// <summary>
/// One batch's decision trail for the audit page: every step (ranked, review requested, escalated, approved or rejected
/// with the reviewer's name and comment, holds released, expired), who scored it, and where its results and its bias
/// audit are.
/// </summary>
/// <param name="Decisions">The trail in sequence order; <see cref="DecisionTrailEntry.Actor"/> is the reviewer's principal name, or "workflow".</param>
/// <param name="ScoredBy">Distinct "plugin/model (function@version)" that scored the batch's candidates.</param>
/// <param name="ResultsUri">Ranked results with evidence and provenance.</param>
/// <param name="AuditUri">The batch's bias audit (name-swap audit and NYC LL144 figures; JSON, or CSV with ?format=csv).</param>
public sealed record BatchDecisions(
    string BatchId, string RequisitionId, string Title, ScreeningBatchStatus Status, DateTimeOffset UpdatedAt,
    IReadOnlyList<DecisionTrailEntry> Decisions, IReadOnlyList<string> ScoredBy, string ResultsUri, string AuditUri);

/// <summary>Answer of <c>GET /api/manage/audit/route-changes</c>: route versions of every route (or one), newest first; version 0 (configuration) is not a change and is not listed.</summary>
public sealed record RouteChangeList(IReadOnlyList<RouteVersion> Items, string? ContinuationToken, string? NextUri);
