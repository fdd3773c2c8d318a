using Azure;
using Azure.Data.Tables;

namespace AiFunctions.Events.Idempotency;

/// <summary>
/// Idempotency records in Azure Table storage: one entity per handled event, partitioned by the first two hex
/// characters of the event key (256 partitions spread the load), row key = the event key.
/// </summary>
internal sealed class TableIdempotencyStore(TableClient table) : IIdempotencyStore
{
    private int _created;

    public async Task<bool> ExistsAsync(string eventKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition(eventKey), eventKey, ["EventType"], cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    public async Task RecordAsync(string eventKey, string eventType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition(eventKey), eventKey) { ["EventType"] = eventType, ["HandledAt"] = DateTimeOffset.UtcNow };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by a concurrent delivery of the same event: the record exists, which is all we need.
        }
    }

    private static string Partition(string eventKey) => eventKey.Length >= 2 ? eventKey[..2] : eventKey;

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
