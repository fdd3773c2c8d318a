using System.Text.Json;
using AiFunctions.Workflows.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// <see cref="IReplayStore"/> on Azure Table storage: MigrationReplays ("replay", replayId) with the record as JSON and its
/// status in a column, start rows beside them ("replay", "start-" + start key: the replay created under that key, written
/// in one entity-group transaction with the record it names), claims in the same table ("claim", replayId: owner and
/// expiry, written with ETag concurrency), cancel requests ("cancel", replayId), and ReplayCandidates (replayId, candidateId). Tables are created on first use; every other write is an upsert (replace). Uses the screening store's account and name prefix (<c>AiFunctions:Storage</c>).
/// </summary>
internal sealed class TableReplayStore : IReplayStore
{
    private const string ReplayPartition = "replay";
    private const string ClaimPartition = "claim";
    private const string CancelPartition = "cancel";
    private const string PayloadProperty = "Payload";
    private const string StartRowPrefix = "start-";
    private const string StartReplayProperty = "ReplayId";
    private const int MaxCreateAttempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CreatedOnFirstUse<TableClient> _replays;
    private readonly CreatedOnFirstUse<TableClient> _candidates;

    public TableReplayStore(IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var tables = new TableServiceClient(settings.ConnectionString);
        _replays = Table(tables.GetTableClient(settings.NamePrefix + "MigrationReplays"));
        _candidates = Table(tables.GetTableClient(settings.NamePrefix + "ReplayCandidates"));
    }

    public async Task<ReplayStart> CreateAsync(ReplayRecord replay, string startKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentException.ThrowIfNullOrEmpty(startKey);
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = StartRowPrefix + StorageKeys.Escape(startKey);
        for (var attempt = 0; attempt < MaxCreateAttempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(ReplayPartition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var start = new TableEntity(ReplayPartition, rowKey) { [StartReplayProperty] = replay.ReplayId };
            TableTransactionAction claimStart;
            if (existing.HasValue)
            {
                if (existing.Value!.GetString(StartReplayProperty) is { } heldId
                    && await GetAsync(heldId, cancellationToken).ConfigureAwait(false) is { Status: ReplayStatus.Queued or ReplayStatus.Running } unfinished)
                {
                    return new ReplayStart(unfinished, false);
                }

                claimStart = new TableTransactionAction(TableTransactionActionType.UpdateReplace, start, existing.Value.ETag);
            }
            else
            {
                claimStart = new TableTransactionAction(TableTransactionActionType.Add, start);
            }

            try
            {
                await table.SubmitTransactionAsync([claimStart, new TableTransactionAction(TableTransactionActionType.Add, Entity(replay))], cancellationToken).ConfigureAwait(false);
                return new ReplayStart(replay, true);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another host created (or re-created) a replay under this key between our read and our write: read it.
            }
        }

        throw new InvalidOperationException($"Replay start key {startKey[..Math.Min(12, startKey.Length)]}… changed hands {MaxCreateAttempts} times while creating replay {replay.ReplayId}; try again.");
    }

    public async Task RequestCancelAsync(string replayId, CancellationToken cancellationToken = default)
    {
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(CancelPartition, StorageKeys.Escape(replayId)), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsCancelRequestedAsync(string replayId, CancellationToken cancellationToken = default)
    {
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(CancelPartition, StorageKeys.Escape(replayId), select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    public async Task SaveAsync(ReplayRecord replay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(Entity(replay), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity Entity(ReplayRecord replay) => new(ReplayPartition, StorageKeys.Escape(replay.ReplayId))
    {
        [PayloadProperty] = JsonSerializer.Serialize(replay, Json),
        ["Status"] = replay.Status.ToString(),
    };

    public async Task<ReplayRecord?> GetAsync(string replayId, CancellationToken cancellationToken = default)
    {
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ReplayPartition, StorageKeys.Escape(replayId), cancellationToken: cancellationToken).ConfigureAwait(false);
        // A start row shares the partition: it has no payload and is not a replay (GET …/replays/start-… is a 404).
        return response.HasValue && response.Value!.ContainsKey(PayloadProperty) ? Read<ReplayRecord>(response.Value) : null;
    }

    public async Task<IReadOnlyList<ReplayRecord>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReplayPartition} and (Status eq {nameof(ReplayStatus.Queued)} or Status eq {nameof(ReplayStatus.Running)})");
        var list = new List<ReplayRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read<ReplayRecord>(entity));
        }

        return list.OrderBy(r => r.CreatedAt).ToArray();
    }

    public async Task<bool> TryClaimAsync(string replayId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(ClaimPartition, StorageKeys.Escape(replayId)) { ["Owner"] = owner, ["Until"] = until };
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(ClaimPartition, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return true;
            }

            var claim = existing.Value!;
            if (claim.GetString("Owner") != owner && claim.GetDateTimeOffset("Until") is { } held && held > now)
            {
                return false;
            }

            await table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false; // another host claimed it between our read and our write
        }
    }

    public async Task ReleaseAsync(string replayId, string owner, CancellationToken cancellationToken = default)
    {
        var table = await _replays.GetAsync(cancellationToken).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(ClaimPartition, StorageKeys.Escape(replayId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value!.GetString("Owner") == owner)
        {
            try
            {
                await table.DeleteEntityAsync(existing.Value, existing.Value.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Expired and taken over, or gone: not ours to remove any more.
            }
        }
    }

    public async Task UpsertCandidateAsync(ReplayCandidateResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(StorageKeys.Escape(result.ReplayId), StorageKeys.Escape(result.CandidateId))
        {
            [PayloadProperty] = JsonSerializer.Serialize(result, Json),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, ReplayCandidateResult>> GetCandidatesAsync(string replayId, CancellationToken cancellationToken = default)
    {
        var table = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Escape(replayId)}");
        var found = new Dictionary<string, ReplayCandidateResult>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var result = Read<ReplayCandidateResult>(entity);
            found[result.CandidateId] = result;
        }

        return found;
    }

    private static T Read<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString(PayloadProperty) ?? "null", Json)
        ?? throw new InvalidDataException($"Table entity ({entity.PartitionKey}, {entity.RowKey}) has no {typeof(T).Name} payload.");

    private static CreatedOnFirstUse<TableClient> Table(TableClient client) =>
        new(client, static async (c, ct) => await c.CreateIfNotExistsAsync(ct).ConfigureAwait(false));
}
