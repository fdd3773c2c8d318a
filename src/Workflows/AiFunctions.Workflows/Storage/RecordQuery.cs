namespace AiFunctions.Workflows.Storage;

/// <summary>
/// A filter and page of stored batches or job descriptions (newest update first within what the store returns).
/// Every filter is optional; <see cref="PageSize"/> is 1–200.
/// </summary>
/// <param name="Tenant">Only this tenant's records (from the caller's principal, never from the query string).</param>
/// <param name="Status">Only records in this status (the enum name, e.g. AwaitingReview).</param>
/// <param name="RequisitionId">Batches only: the requisition screened.</param>
/// <param name="UpdatedFrom">Only records last updated at or after this instant.</param>
/// <param name="UpdatedTo">Only records last updated before this instant.</param>
/// <param name="ContinuationToken">From the previous page's <see cref="RecordPage{T}.ContinuationToken"/>; null for the first page.</param>
public sealed record RecordQuery(
    string? Tenant = null,
    string? Status = null,
    string? RequisitionId = null,
    DateTimeOffset? UpdatedFrom = null,
    DateTimeOffset? UpdatedTo = null,
    int PageSize = 50,
    string? ContinuationToken = null)
{
    public const int MaxPageSize = 200;
}

/// <summary>One page of records and the token of the next (null on the last page).</summary>
public sealed record RecordPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
