using System.Globalization;
using AiFunctions.Hosting.Management;
using AiFunctions.Kernel.Routing;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>
/// The audit listings of the console's Audit page: decision trails of the caller's tenant's batches
/// (<c>GET /api/manage/audit/decisions</c>, Auditor: they carry reviewers' names and comments), and route changes across
/// routes (<c>GET /api/manage/audit/route-changes</c>, Operator or Auditor: deployment-wide). Bias audits are per batch
/// (<see cref="BatchDecisions.AuditUri"/>, the existing <c>GET /api/screenings/{id}/audit</c>). Erasures are not listed:
/// the erasure log does not exist yet (docs/security.md).
/// </summary>
public sealed class AuditApi(IScreeningStore store, IRouteOverrides routes, IRouteVersionStore versions)
{
    /// <summary>Most batches per page of decisions (each is one more read of its trail).</summary>
    public const int MaxBatchesPerPage = 50;

    /// <summary>Most versions read per route for the merged route-change listing.</summary>
    public const int MaxVersionsPerRoute = 1000;

    public async Task<IResult> ListDecisionsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var errors = new List<string>();
        var pageSize = ApiPaging.PageSize(request, 20, MaxBatchesPerPage, errors);
        var from = ApiPaging.Timestamp(request, "updatedFrom", errors);
        var to = ApiPaging.Timestamp(request, "updatedTo", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var token = request.Query["continuationToken"].ToString() is { Length: > 0 } t ? t : null;
        if (await ListingApi.ReadPageAsync(new RecordQuery(caller.Tenant, null, null, from, to, pageSize, token), store.ListBatchesAsync, cancellationToken).ConfigureAwait(false) is not { } page)
        {
            return ListingApi.BadToken();
        }

        var items = new List<BatchDecisions>();
        foreach (var batch in page.Items)
        {
            if (ListingApi.OwnId(caller.Tenant, batch.BatchId) is not { } id)
            {
                continue;
            }

            var trail = await store.GetDecisionTrailAsync(batch.BatchId, cancellationToken).ConfigureAwait(false);
            var escaped = Uri.EscapeDataString(id);
            items.Add(new BatchDecisions(
                id, batch.Requisition.RequisitionId, batch.Requisition.Title, batch.Status, batch.UpdatedAt,
                [.. trail.Entries.OrderBy(e => e.Sequence).Select(e => e with { BatchId = id })],
                [.. trail.Scoring.Select(s => $"{s.Plugin}/{s.Model} ({s.Function}@{s.FunctionVersion})").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                $"/api/screenings/{escaped}/results", $"/api/screenings/{escaped}/audit"));
        }

        return Results.Json(new AuditDecisionList(items, page.ContinuationToken, ApiPaging.NextUri(request, page.ContinuationToken)), ApiJson.Options);
    }

    public async Task<IResult> ListRouteChangesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var pageSize = ApiPaging.PageSize(request, 50, 200, errors);
        var offset = 0;
        if (request.Query["continuationToken"].ToString() is { Length: > 0 } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            errors.Add("continuationToken is not one this endpoint issued: send the previous page's continuationToken unchanged.");
        }

        var only = request.Query["route"].ToString() is { Length: > 0 } r ? r : null;
        var names = only is null ? routes.Routes : routes.Routes.Where(n => string.Equals(n, only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (only is not null && names.Count == 0)
        {
            errors.Add($"route '{ApiPaging.Cut(only)}' is not a configured route: use one of {string.Join(", ", routes.Routes)}, or leave route out for all.");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var all = new List<RouteVersionRecord>();
        foreach (var name in names)
        {
            string? next = null;
            var read = 0;
            do
            {
                var page = await versions.ListAsync(name, 200, next, cancellationToken).ConfigureAwait(false);
                all.AddRange(page.Items);
                read += page.Items.Count;
                next = page.ContinuationToken;
            }
            while (next is not null && read < MaxVersionsPerRoute);
        }

        var ordered = all.OrderByDescending(v => v.ChangedAt).ThenBy(v => v.Route, StringComparer.Ordinal).ThenByDescending(v => v.Version).ToList();
        var items = ordered.Skip(offset).Take(pageSize).Select(RouteManagementApi.ToVersion).ToList();
        var more = offset + pageSize < ordered.Count ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Results.Json(new RouteChangeList(items, more, ApiPaging.NextUri(request, more)), ApiJson.Options);
    }
}
