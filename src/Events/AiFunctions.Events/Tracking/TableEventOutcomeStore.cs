using System.Text.Json;
using AiFunctions.Events.Handling;
using Azure.Data.Tables;

namespace AiFunctions.Events.Tracking;

/// <summary>
/// Outcomes in Azure Table storage: one entity per event, partition = the first two hex characters of
/// <c>key(source, id)</c>, row = the key (the layout of the idempotency records); the outcome as JSON.
/// </summary>
public sealed class TableEventOutcomeStore(TableClient table) : IEventOutcomeStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _created;

    public async Task RecordAsync(InboundEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var key = EventKeys.For(outcome.Source, outcome.Id);
        var entity = new TableEntity(key[..2], key) { ["Outcome"] = JsonSerializer.Serialize(outcome, Json), ["Disposition"] = outcome.Disposition.ToString() };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InboundEventOutcome?> GetAsync(string source, string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var key = EventKeys.For(source, id);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, ["Outcome"], cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value!.GetString("Outcome") is { } json ? JsonSerializer.Deserialize<InboundEventOutcome>(json, Json) : null;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
