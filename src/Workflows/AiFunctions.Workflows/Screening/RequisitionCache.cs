using System.Collections.Concurrent;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// The requisition of each batch this worker screens, read from the store once per batch instead of once per
/// candidate. A batch's requisition does not change after it is persisted; an entry is used only when the stored
/// batch's CreatedAt equals the time the caller's run persisted it, so a batch id persisted again by a later run is
/// read again. Holds at most <see cref="Capacity"/> batches (cleared when full). Singleton.
/// </summary>
public sealed class RequisitionCache(IScreeningStore store)
{
    /// <summary>Most batches held at once.</summary>
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, (DateTimeOffset PersistedAt, RequisitionSpec Requisition)> _entries = new(StringComparer.Ordinal);

    /// <summary>The requisition of <paramref name="batchId"/> as persisted at <paramref name="persistedAt"/>.</summary>
    /// <exception cref="InvalidOperationException">The batch is not stored.</exception>
    public async Task<RequisitionSpec> GetAsync(string batchId, DateTimeOffset persistedAt, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(batchId, out var entry) && entry.PersistedAt == persistedAt)
        {
            return entry.Requisition;
        }

        var batch = await store.GetBatchAsync(batchId, includeProgress: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Batch '{batchId}' is not stored: the batch must be persisted before its candidates are screened.");
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[batchId] = (batch.CreatedAt, batch.Requisition);
        return batch.Requisition;
    }
}
