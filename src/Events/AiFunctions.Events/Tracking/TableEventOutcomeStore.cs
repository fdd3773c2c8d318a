using System.Globalization;
using System.Text.Json;
using AiFunctions.Events.Handling;
using Azure;
using Azure.Data.Tables;

namespace AiFunctions.Events.Tracking;

/// <summary>
/// Outcomes in Azure Table storage: one entity per event, partition = the first two hex characters of
/// <c>key(source, id)</c>, row = the key (the layout of the idempotency records); the outcome as JSON. Beside it, a
/// per-tenant index of recent outcomes (<see cref="ListRecentAsync"/>): partition <c>tenant.{tenant}</c>, row =
/// <c>{DateTimeOffset.MaxValue ticks - outcome ticks, 19 digits}-{key}</c> (newest first), the same JSON; recording an
/// outcome again writes the new index row and deletes the one it replaces, whose address the event's entity keeps.
/// </summary>
public sealed class TableEventOutcomeStore(TableClient table) : IEventOutcomeStore
{
    private const string IndexPrefix = "tenant.";
    private const string IndexRowProperty = "IndexRow";
    private const string IndexPartitionProperty = "IndexPartition";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _created;

    public async Task RecordAsync(InboundEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var key = EventKeys.For(outcome.Source, outcome.Id);
        var json = JsonSerializer.Serialize(outcome, Json);
        var previous = await table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, [IndexPartitionProperty, IndexRowProperty], cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(key[..2], key) { ["Outcome"] = json, ["Disposition"] = outcome.Disposition.ToString() };
        if (IndexPartition(outcome.Tenant) is { } partition)
        {
            var row = (DateTimeOffset.MaxValue.UtcTicks - outcome.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + key;
            await table.UpsertEntityAsync(new TableEntity(partition, row) { ["Outcome"] = json }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            entity[IndexPartitionProperty] = partition;
            entity[IndexRowProperty] = row;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (previous.HasValue && previous.Value!.GetString(IndexPartitionProperty) is { } oldPartition && previous.Value.GetString(IndexRowProperty) is { } oldRow &&
            (oldPartition != entity.GetString(IndexPartitionProperty) || oldRow != entity.GetString(IndexRowProperty)))
        {
            try
            {
                await table.DeleteEntityAsync(oldPartition, oldRow, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Already replaced by a concurrent record of the same event.
            }
        }
    }

    public async Task<InboundEventOutcome?> GetAsync(string source, string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var key = EventKeys.For(source, id);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, ["Outcome"], cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value!.GetString("Outcome") is { } json ? JsonSerializer.Deserialize<InboundEventOutcome>(json, Json) : null;
    }

    public async Task<InboundEventPage> ListRecentAsync(string tenant, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        if (IndexPartition(tenant) is not { } partition)
        {
            return new InboundEventPage([], null);
        }

        var size = Math.Clamp(pageSize, 1, InboundEventPage.MaxPageSize);
        Page<TableEntity>? first = null;
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), size, ["Outcome"], cancellationToken)
                .AsPages(continuationToken, size).ConfigureAwait(false))
            {
                first = page;
                break;
            }
        }
        catch (Exception ex) when (continuationToken is not null && ex is RequestFailedException { Status: 400 } or ArgumentException or FormatException)
        {
            throw new ArgumentException("The continuation token is not one the table service issued.", nameof(continuationToken), ex);
        }

        if (first is null)
        {
            return new InboundEventPage([], null);
        }

        // A crash between writing an event's new index row and deleting its old one leaves both: list it once, newest.
        var seen = new HashSet<(string, string)>();
        var items = first.Values.Select(e => e.GetString("Outcome") is { } json ? JsonSerializer.Deserialize<InboundEventOutcome>(json, Json) : null)
            .OfType<InboundEventOutcome>().Where(o => seen.Add((o.Source, o.Id))).ToList();
        return new InboundEventPage(items, first.ContinuationToken);
    }

    /// <summary>
    /// The index partition of <paramref name="tenant"/>, or null for a tenant no caller can hold (the index is read only
    /// by a caller's tenant; an event naming a malformed one is still recorded, just not indexed). Callers' tenants are ids
    /// of letters, digits, '-' and '_' (at most 64), which are valid in a table key as they are.
    /// </summary>
    private static string? IndexPartition(string? tenant) =>
        tenant is { Length: > 0 and <= 64 } && tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? IndexPrefix + tenant : null;

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
