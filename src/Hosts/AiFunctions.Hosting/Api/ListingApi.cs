using System.Buffers.Text;
using System.Globalization;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// <c>GET /api/screenings</c> and <c>GET /api/job-descriptions</c>: list and filter batches and drafts by status,
/// requisition (batches) and last-update window, a page at a time with a continuation token. Host-agnostic; the tenant
/// filter is always the signed-in caller's tenant (<see cref="ApiCaller"/>), never the query string, and a record whose
/// scoped key (<see cref="AiFunctions.Workflows.ResourceIds.Scope"/>) is not of that tenant is never listed. Ids are
/// answered as the caller chose them (unscoped). Also <c>GET /api/audits/screening</c> (Auditor): the bias audit over a
/// period across the caller's tenant's batches.
/// </summary>
public sealed class ListingApi(IScreeningStore store, AiFunctions.Workflows.Fairness.ScreeningAuditor? auditor = null)
{
    public static ApiRoute ListScreeningsRoute { get; } = new("ListScreenings", "GET", "api/screenings", Security.ApiPolicies.Reader);

    public static ApiRoute ListJobDescriptionsRoute { get; } = new("ListJobDescriptions", "GET", "api/job-descriptions", Security.ApiPolicies.Reader);

    /// <summary>
    /// The bias audit over a period (docs/fairness.md): across the caller's tenant's batches (Auditor or ServiceAuditor),
    /// or with <c>scope=service</c> across every tenant's (ServiceAuditor only).
    /// </summary>
    public static ApiRoute ScreeningPeriodAuditRoute { get; } = new("GetScreeningPeriodAudit", "GET", "api/audits/screening", Security.ApiPolicies.PeriodAuditor);

    /// <summary>The listing routes.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } = [ListScreeningsRoute, ListJobDescriptionsRoute, ScreeningPeriodAuditRoute];

    /// <summary>Longest period one audit covers.</summary>
    public static readonly TimeSpan MaxAuditPeriod = TimeSpan.FromDays(366);

    /// <summary>
    /// GET /api/audits/screening?from=&amp;to=[&amp;requisitionId=][&amp;scope=tenant|service][&amp;format=csv] (Auditor or
    /// ServiceAuditor): the NYC LL144 figures over the ranked batches last updated in [from, to) (at most
    /// <see cref="MaxAuditPeriod"/>), optionally of one requisition, pooled with the per-batch formulas — of the caller's
    /// tenant (<c>scope=tenant</c>, the default), or of every tenant (<c>scope=service</c>: the ServiceAuditor role, else
    /// 403 naming it; batches are then shown as "tenant.id" with a per-tenant count). JSON
    /// (<see cref="AiFunctions.Workflows.Fairness.ScreeningPeriodAuditReport"/>) or the figures as CSV. 400 naming the
    /// parameter and the fix for a missing or bad one.
    /// </summary>
    public async Task<IResult> GetScreeningPeriodAuditAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (query, problem) = Parse<ScreeningBatchStatus>(request, caller.Tenant, allowRequisition: true);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<string>();
        foreach (var name in new[] { "status", "pageSize", "continuationToken", "updatedFrom", "updatedTo" })
        {
            if (request.Query.ContainsKey(name))
            {
                errors.Add($"{name} does not apply to an audit: use from, to, requisitionId, scope and format.");
            }
        }

        var scope = request.Query["scope"];
        var service = false;
        if (scope.Count > 1)
        {
            errors.Add("scope is given more than once: give it once, scope=tenant (the default) or scope=service.");
        }
        else if (scope.Count == 1 && !string.IsNullOrEmpty(scope[0]))
        {
            service = string.Equals(scope[0], "service", StringComparison.OrdinalIgnoreCase);
            if (!service && !string.Equals(scope[0], "tenant", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"scope '{Cut(scope[0]!)}' is not a scope: use scope=tenant (the caller's tenant, the default) or scope=service (every tenant; ServiceAuditor role).");
            }
        }

        var (from, to) = (ApiPaging.Timestamp(request, "from", errors), ApiPaging.Timestamp(request, "to", errors));
        if (from is null && string.IsNullOrWhiteSpace(request.Query["from"].ToString()))
        {
            errors.Add("from is missing: give the start of the period (RFC 3339, e.g. 2026-11-01T00:00:00Z).");
        }

        if (to is null && string.IsNullOrWhiteSpace(request.Query["to"].ToString()))
        {
            errors.Add("to is missing: give the end of the period, exclusive (RFC 3339, e.g. 2026-12-01T00:00:00Z).");
        }

        if (from is { } f && to is { } t && (t <= f || t - f > MaxAuditPeriod))
        {
            errors.Add($"to must be after from and the period at most {MaxAuditPeriod.TotalDays:0} days: got {f:O} to {t:O}.");
        }

        var format = request.Query["format"].ToString();
        if (format.Length > 0 && format is not ("json" or "csv"))
        {
            errors.Add($"format '{Cut(format)}' is not supported: use format=json (default) or format=csv.");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        if (service && !caller.Roles.Contains(Security.ApiRoles.ServiceAuditor, StringComparer.Ordinal))
        {
            return ApiProblems.Forbidden("service-scope-forbidden",
                $"scope=service audits every tenant's batches: it needs the {Security.ApiRoles.ServiceAuditor} role; the caller holds {string.Join(", ", caller.Roles)}. "
                + $"Leave scope out (or scope=tenant) to audit tenant '{caller.Tenant}'.");
        }

        if (auditor is null)
        {
            return ApiProblems.NotFound("screening audit", "period");
        }

        // Tenant scope: only batches whose scoped key is the caller's tenant's (also if a store's tenant filter let another through).
        var report = await auditor.AuditPeriodAsync(
            query! with { Tenant = service ? null : caller.Tenant, UpdatedFrom = from, UpdatedTo = to },
            service ? key => AiFunctions.Workflows.ResourceIds.IsValidKey(key) ? key : null : key => OwnId(caller.Tenant, key),
            cancellationToken).ConfigureAwait(false);
        return format == "csv"
            ? Results.Text(report.Figures.ToCsv(), "text/csv; charset=utf-8")
            : Results.Json(report, ApiJson.Options);
    }

    public Task<IResult> ListScreeningsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ListAsync<ScreeningBatchStatus, ScreeningBatchRecord>(
            request, allowRequisition: true, store.ListBatchesAsync, b => b.BatchId,
            (page, next) => new ScreeningBatchList(
                [.. page.Select(x => new ScreeningBatchListItem(
                    x.Id, x.Record.Requisition.RequisitionId, x.Record.Requisition.Title, x.Record.Status, x.Record.Total, x.Record.CreatedAt, x.Record.UpdatedAt,
                    StatusUri(ApiRoutes.GetScreening, x.Id)))],
                next.Token, next.Uri),
            cancellationToken);

    public Task<IResult> ListJobDescriptionsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ListAsync<JobDescriptionStatus, JobDescriptionRecord>(
            request, allowRequisition: false, store.ListJobDescriptionsAsync, j => j.JobDescriptionId,
            (page, next) => new JobDescriptionList(
                [.. page.Select(x => new JobDescriptionListItem(
                    x.Id, x.Record.Status, x.Record.ApprovedVersion, x.Record.ApprovedBy, x.Record.UpdatedAt,
                    StatusUri(ApiRoutes.GetJobDescription, x.Id)))],
                next.Token, next.Uri),
            cancellationToken);

    /// <summary>
    /// One list request: the caller, its filters (<see cref="Parse{TStatus}"/>), one page from the store, the records
    /// this tenant owns with their caller-facing ids, and the answer <paramref name="answer"/> builds with the next
    /// page's token and address.
    /// </summary>
    private static async Task<IResult> ListAsync<TStatus, TRecord>(
        HttpRequest request,
        bool allowRequisition,
        Func<RecordQuery, CancellationToken, Task<RecordPage<TRecord>>> list,
        Func<TRecord, string> key,
        Func<IReadOnlyList<(TRecord Record, string Id)>, (string? Token, string? Uri), object> answer,
        CancellationToken cancellationToken)
        where TStatus : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (query, problem) = Parse<TStatus>(request, caller.Tenant, allowRequisition);
        if (problem is not null)
        {
            return problem;
        }

        var page = await ReadPageAsync(query!, list, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return BadToken();
        }

        var owned = page.Items
            .Select(r => (Record: r, Id: OwnId(caller.Tenant, key(r))))
            .Where(x => x.Id is not null)
            .Select(x => (x.Record, x.Id!))
            .ToList();
        return Results.Json(answer(owned, (page.ContinuationToken, NextUri(request, page.ContinuationToken))), ApiJson.Options);
    }

    private static string StatusUri(ApiRoute route, string id) =>
        "/" + route.Template.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);

    /// <summary>
    /// One page from the store, or null when the continuation token is not one this API issued (it is opaque: base64url
    /// of the store's own token, which the store refuses with <see cref="ArgumentException"/> when it cannot resume
    /// from it). Tokens carry no tenant: the tenant filter is the caller's, whatever the token says.
    /// </summary>
    internal static async Task<RecordPage<T>?> ReadPageAsync<T>(RecordQuery query, Func<RecordQuery, CancellationToken, Task<RecordPage<T>>> list, CancellationToken cancellationToken)
    {
        string? storeToken = null;
        if (query.ContinuationToken is { } token)
        {
            try
            {
                storeToken = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        try
        {
            var page = await list(query with { ContinuationToken = storeToken }, cancellationToken).ConfigureAwait(false);
            return page with { ContinuationToken = page.ContinuationToken is { } next ? Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(next)) : null };
        }
        catch (ArgumentException ex) when (storeToken is not null && ex.ParamName == nameof(RecordQuery.ContinuationToken))
        {
            return null;
        }
    }

    internal static IResult BadToken() => ApiProblems.Validation(
        ["continuationToken is not a token this API issued (or the page it pointed at is gone): send the continuationToken of the previous page unchanged, or start again without it."]);

    /// <summary>The caller's own id of a stored record: its scoped key unscoped, or null when the key is another tenant's.</summary>
    internal static string? OwnId(string tenant, string key) =>
        AiFunctions.Workflows.ResourceIds.TryUnscope(key, out var owner, out var id) && string.Equals(owner, tenant, StringComparison.Ordinal) ? id : null;

    private static (RecordQuery? Query, IResult? Problem) Parse<TStatus>(HttpRequest request, string tenant, bool allowRequisition)
        where TStatus : struct, Enum
    {
        string? Q(string name) => request.Query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        var errors = new List<string>();
        // One status by its name only: Enum.TryParse would also take numbers, "Accepted,Screening" (its flags syntax, which a
        // repeated ?status= becomes) and combinations that are no status at all, and list the wrong records or none.
        var status = Q("status");
        var canonical = status is null ? null : Enum.GetNames<TStatus>().FirstOrDefault(n => string.Equals(n, status.Trim(), StringComparison.OrdinalIgnoreCase));
        if (status is not null && canonical is null)
        {
            errors.Add($"status '{Cut(status)}' is not a status: use one of {string.Join(", ", Enum.GetNames<TStatus>())}.");
        }

        var requisition = Q("requisitionId");
        if (requisition is not null && !allowRequisition)
        {
            errors.Add("requisitionId does not apply to job descriptions: remove it.");
        }

        var from = ApiPaging.Timestamp(request, "updatedFrom", errors);
        var to = ApiPaging.Timestamp(request, "updatedTo", errors);
        if (from is { } start && to is { } end && start >= end)
        {
            errors.Add($"updatedFrom ({start:O}) is not before updatedTo ({end:O}): the window is [updatedFrom, updatedTo); swap them or widen it.");
        }

        var pageSize = 50;
        if (Q("pageSize") is { } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > RecordQuery.MaxPageSize))
        {
            errors.Add($"pageSize '{Cut(size)}' is out of range: use 1 to {RecordQuery.MaxPageSize}.");
        }

        if (errors.Count > 0)
        {
            return (null, ApiProblems.Validation(errors));
        }

        return (new RecordQuery(tenant, canonical, requisition, from, to, pageSize, Q("continuationToken")), null);
    }

    private static string? NextUri(HttpRequest request, string? token) => ApiPaging.NextUri(request, token);

    private static string Cut(string text) => ApiPaging.Cut(text);
}

/// <summary>Answer of <c>GET /api/screenings</c>: one page of batches; follow <see cref="NextUri"/> for the next.</summary>
public sealed record ScreeningBatchList(IReadOnlyList<ScreeningBatchListItem> Items, string? ContinuationToken, string? NextUri);

/// <summary>One batch in a list.</summary>
public sealed record ScreeningBatchListItem(string BatchId, string RequisitionId, string Title, ScreeningBatchStatus Status, int Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string StatusUri);

/// <summary>Answer of <c>GET /api/job-descriptions</c>: one page of job descriptions.</summary>
public sealed record JobDescriptionList(IReadOnlyList<JobDescriptionListItem> Items, string? ContinuationToken, string? NextUri);

/// <summary>One job description in a list.</summary>
public sealed record JobDescriptionListItem(string JobDescriptionId, JobDescriptionStatus Status, int? ApprovedVersion, string? ApprovedBy, DateTimeOffset UpdatedAt, string StatusUri);
