using System.Text.Json;
using AiFunctions.Events.Contracts;
using Azure;
using Azure.Data.Tables;

namespace AiFunctions.Events.Requisitions;

/// <summary>
/// Requisitions in Azure Table storage: partition = tenant, row = requisition id; the opened requisition as JSON
/// (criteria included), close and hires as columns. Merges, so the events may arrive in any order.
/// </summary>
internal sealed class TableRequisitionStore(TableClient table) : IRequisitionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _created;

    public async Task UpsertOpenedAsync(string tenant, RequisitionOpenedV1 requisition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        var entity = new TableEntity(tenant, requisition.RequisitionId) { ["Opened"] = JsonSerializer.Serialize(requisition, Json) };
        await UpsertAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkClosedAsync(string tenant, string requisitionId, string reason, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(tenant, requisitionId) { ["ClosedReason"] = reason, ["ClosedAt"] = closedAt };
        await UpsertAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordHireAsync(string tenant, EmployeeHiredV1 hire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hire);
        var current = await GetAsync(tenant, hire.RequisitionId!, cancellationToken).ConfigureAwait(false);
        var hires = current?.HiredCandidateIds ?? [];
        if (hires.Contains(hire.CandidateId!))
        {
            return;
        }

        var entity = new TableEntity(tenant, hire.RequisitionId) { ["Hires"] = string.Join('\n', hires.Append(hire.CandidateId!)) };
        await UpsertAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RequisitionState?> GetAsync(string tenant, string requisitionId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(tenant, requisitionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } e)
        {
            return null;
        }

        var opened = e.GetString("Opened") is { } json ? JsonSerializer.Deserialize<RequisitionOpenedV1>(json, Json) : null;
        var hires = e.GetString("Hires")?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new RequisitionState(requisitionId, opened, e.GetString("ClosedReason"), e.GetDateTimeOffset("ClosedAt"), hires);
    }

    private async Task UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            try
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Created concurrently.
            }

            Volatile.Write(ref _created, 1);
        }
    }
}
