using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace AiFunctions.Events.Requisitions;

/// <summary>
/// Requisitions in Azure Table storage: partition = tenant, row = requisition id; the opened requisition as JSON
/// (criteria included), close and hires as columns. Merges, so the events may arrive in any order.
/// A table string property holds at most 64 KiB (32,768 UTF-16 characters) and an entity 1 MiB, while an opened
/// requisition may carry a 50,000-character job description and 50 criteria: its JSON is stored inline
/// (<c>Opened</c>) up to <see cref="MaxInlineChars"/> characters and otherwise as a blob
/// <c>{tenant}/{requisitionId}.json</c> in the payload container with the reference in <c>OpenedBlob</c> (claim check;
/// the blob is written first, so a reference never points at nothing). Hires are bounded by <see cref="MaxHires"/>.
/// </summary>
public sealed class TableRequisitionStore(TableClient table, BlobContainerClient payloads) : IRequisitionStore
{
    /// <summary>Largest opened-requisition JSON kept in the table row (characters); below the 32,768-character property limit.</summary>
    public const int MaxInlineChars = 30_000;

    /// <summary>Most hires recorded per requisition (their ids share one property: 64-character ids × 400 stays below 32,768 characters).</summary>
    public const int MaxHires = 400;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _created;

    public async Task UpsertOpenedAsync(string tenant, RequisitionOpenedV1 requisition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requisition);
        var json = JsonSerializer.Serialize(requisition, Json);
        var entity = new TableEntity(tenant, requisition.RequisitionId);
        if (json.Length <= MaxInlineChars)
        {
            entity["Opened"] = json;
            entity["OpenedBlob"] = string.Empty;
        }
        else
        {
            var blobName = BlobNameFor(tenant, requisition.RequisitionId!);
            await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
            await payloads.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken).ConfigureAwait(false);
            entity["Opened"] = string.Empty;
            entity["OpenedBlob"] = blobName;
        }

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

        if (hires.Count >= MaxHires)
        {
            throw new EventRejectedException(DeadLetterReasons.ValidationFailed,
                $"Requisition '{hire.RequisitionId}' already records {hires.Count} hires, the most one requisition holds ({MaxHires}). Open a new requisition for further hires.");
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

        var json = e.GetString("OpenedBlob") is { Length: > 0 } blobName
            ? (await payloads.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString()
            : e.GetString("Opened");
        var opened = json is { Length: > 0 } ? JsonSerializer.Deserialize<RequisitionOpenedV1>(json, Json) : null;
        var hires = e.GetString("Hires")?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new RequisitionState(requisitionId, opened, e.GetString("ClosedReason"), e.GetDateTimeOffset("ClosedAt"), hires);
    }

    private static string BlobNameFor(string tenant, string requisitionId) => $"{Uri.EscapeDataString(tenant)}/{Uri.EscapeDataString(requisitionId)}.json";

    private async Task UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Created concurrently.
        }
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
