using System.Text.Json;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// <see cref="IScreeningStore"/> on Azure Table storage (records) and Blob storage (resumes, and record payloads too
/// large for a table property). Tables and containers are created on first use. Every write is an upsert (replace)
/// under a deterministic key:
/// ScreeningBatches (batchId, "batch"), ScreeningCandidates (batchId, candidateId), ScreeningResults (batchId,
/// candidateId), ScreeningDecisions (batchId, sequence), JobDescriptions (id, "head" | "v0001"...); a resume of at
/// most <see cref="MaxRowResumeChars"/> characters in its candidate row's <c>ResumeText</c> property
/// (<see cref="PutResumesAsync"/>), a larger or uploaded one as blob resumes/{batchId}/{candidateId}.txt.
/// </summary>
internal sealed class TableScreeningStore : IScreeningStore
{
    private const string PayloadProperty = "Payload";
    private const string PayloadBlobProperty = "PayloadBlob";

    // A string table property holds 64 KiB (32 K UTF-16 characters); larger payloads go to a blob.
    private const int MaxInlinePayloadChars = 30_000;

    /// <summary>
    /// The longest resume kept in its candidate row (<see cref="PutResumesAsync"/>): a string property holds 64 KiB.
    /// One entity group transaction writes up to 100 such rows, where 1,000 blobs took 1,000 round trips.
    /// </summary>
    internal const int MaxRowResumeChars = 30_000;

    private const string ResumeTextProperty = "ResumeText";

    // An entity group transaction carries at most 100 operations and 4 MiB; rows are grouped below this many bytes.
    private const int MaxTransactionBytes = 3_500_000;

    // A table filter may hold at most 15 comparisons: the partition key plus up to 14 row keys.
    private const int RowKeysPerQuery = 14;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CreatedOnFirstUse<TableClient> _batches;
    private readonly CreatedOnFirstUse<TableClient> _candidates;
    private readonly CreatedOnFirstUse<TableClient> _results;
    private readonly CreatedOnFirstUse<TableClient> _decisions;
    private readonly CreatedOnFirstUse<TableClient> _jobDescriptions;
    private readonly CreatedOnFirstUse<TableClient> _erasures;
    private readonly CreatedOnFirstUse<BlobContainerClient> _resumes;
    private readonly CreatedOnFirstUse<BlobContainerClient> _payloads;

    public TableScreeningStore(IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        // The same check ValidateOnStart runs, for a store built without the host (tests, tools).
        if (new WorkflowStorageOptionsValidator().Validate(Options.DefaultName, settings) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(WorkflowStorageOptions), invalid.Failures);
        }

        // Bounded retries and per-try timeouts: the API reads this store on request paths (StorageClientDefaults).
        var tables = new TableServiceClient(settings.ConnectionString, StorageClientDefaults.Tables());
        var blobs = new BlobServiceClient(settings.ConnectionString, StorageClientDefaults.Blobs());
        var prefix = settings.NamePrefix;
        _batches = Table(tables.GetTableClient(prefix + "ScreeningBatches"));
        _candidates = Table(tables.GetTableClient(prefix + "ScreeningCandidates"));
        _results = Table(tables.GetTableClient(prefix + "ScreeningResults"));
        _decisions = Table(tables.GetTableClient(prefix + "ScreeningDecisions"));
        _jobDescriptions = Table(tables.GetTableClient(prefix + "JobDescriptions"));
        _erasures = Table(tables.GetTableClient(prefix + "Erasures"));
        var containerPrefix = prefix.Length == 0 ? string.Empty : prefix.ToLowerInvariant() + "-";
        _resumes = Container(blobs.GetBlobContainerClient(containerPrefix + "resumes"));
        _payloads = Container(blobs.GetBlobContainerClient(containerPrefix + "workflow-payloads"));
    }

    public async Task SaveBatchAsync(ScreeningBatchRecord batch, IReadOnlyList<CandidateRecord> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(candidates);
        var partition = StorageKeys.Escape(batch.BatchId);
        var candidateEntities = candidates.Select(c => new TableEntity(partition, StorageKeys.Escape(c.CandidateId))
        {
            ["DisplayName"] = c.DisplayName,
            ["ResumeBlobName"] = c.ResumeBlobName,
        }).ToArray();
        var candidateTable = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);

        // Merged, not replaced: a resume PutResumesAsync kept in the row stays; an erased candidate's row is left erased.
        await MergeUnlessErasedAsync(candidateTable, candidateEntities, cancellationToken).ConfigureAwait(false);

        // The batch row last: once it exists, every candidate does too.
        await WriteBatchAsync(batch with { Progress = null }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CandidateErasure> EraseCandidateAsync(string tenant, string candidateId, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(candidateId);
        var (from, to) = StorageKeys.TenantPartitions(tenant);
        var rowKey = StorageKeys.Escape(candidateId);
        var candidates = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        var resultsTable = await _results.GetAsync(cancellationToken).ConfigureAwait(false);
        var resumes = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await _payloads.GetAsync(cancellationToken).ConfigureAwait(false);
        int resumesDeleted = 0, resultsErased = 0, selfIdentified = 0;
        var batches = new List<string>();

        // One query across the tenant's batch partitions: erasure is rare, and no index from candidate to batch is kept.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to} and RowKey eq {rowKey}");
        await foreach (var row in candidates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batches.Add(UnescapeBatchId(row.PartitionKey));
            if (row.GetString("ResumeBlobName") is { Length: > 0 } blob && !blob.StartsWith(StorageKeys.RowResumePrefix, StringComparison.Ordinal)
                && (await resumes.GetBlobClient(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                resumesDeleted++;
            }

            // Replaced, not merged: a resume kept in the row goes with the name.
            if (row.Remove(ResumeTextProperty))
            {
                resumesDeleted++;
            }

            row["DisplayName"] = CandidateErasure.ErasedMarker;
            await candidates.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

            var stored = await resultsTable.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (stored.HasValue && stored.Value is { } resultRow)
            {
                var result = await ReadPayloadAsync<CandidateResult>(resultRow, cancellationToken).ConfigureAwait(false);
                if (result.DisplayName != CandidateErasure.ErasedMarker)
                {
                    await resultsTable.UpsertEntityAsync(await ToEntityAsync(StorageKeys.Erased(result), cancellationToken).ConfigureAwait(false), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    resultsErased++;
                }

                // The erased result is small and inline: an offloaded payload of the original would outlive it.
                if (resultRow.GetString(PayloadBlobProperty) is { } payloadBlob)
                {
                    await payloads.GetBlobClient(payloadBlob).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }

            var batchId = UnescapeBatchId(row.PartitionKey);
            var categories = await GetSelfIdentifiedAsync(batchId, cancellationToken).ConfigureAwait(false);
            if (categories.ContainsKey(candidateId))
            {
                var rest = categories.Where(c => c.Key != candidateId).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
                await PutSelfIdentifiedAsync(batchId, rest, cancellationToken).ConfigureAwait(false);
                selfIdentified++;
            }
        }

        return new CandidateErasure(tenant, CandidateErasure.SubjectKeyOf(tenant, candidateId), batches, resumesDeleted, resultsErased, selfIdentified, 0, requestedBy, at);
    }

    public async Task RecordErasureAsync(CandidateErasure erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var log = await _erasures.GetAsync(cancellationToken).ConfigureAwait(false);

        // Newest first within the tenant's partition: the row key counts down from DateTimeOffset.MaxValue.
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - erasure.At.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var entity = new TableEntity(StorageKeys.Escape(erasure.Tenant), rowKey);
        await SetPayloadAsync(entity, erasure, "erasures", cancellationToken).ConfigureAwait(false);
        await log.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BatchDeletion> DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        var partition = StorageKeys.Escape(batchId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var resumes = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        var payloads = await _payloads.GetAsync(cancellationToken).ConfigureAwait(false);
        int resumesDeleted = 0;

        // Children first, the batch row last: a purge interrupted half-way is found and finished by the next run.
        var candidates = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in candidates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("ResumeBlobName") is { Length: > 0 } blob && !blob.StartsWith(StorageKeys.RowResumePrefix, StringComparison.Ordinal)
                && (await resumes.GetBlobClient(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                resumesDeleted++;
            }

            if (row.ContainsKey(ResumeTextProperty))
            {
                resumesDeleted++;
            }

            await candidates.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        var results = await DeleteRowsAsync(await _results.GetAsync(cancellationToken).ConfigureAwait(false), filter, payloads, cancellationToken).ConfigureAwait(false);
        var decisions = await DeleteRowsAsync(await _decisions.GetAsync(cancellationToken).ConfigureAwait(false), filter, payloads, cancellationToken).ConfigureAwait(false);
        await resumes.GetBlobClient(SelfIdentifiedBlobName(batchId)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var existed = await DeleteRowsAsync(await _batches.GetAsync(cancellationToken).ConfigureAwait(false), filter, payloads, cancellationToken).ConfigureAwait(false) > 0;
        return new BatchDeletion(existed, results, resumesDeleted, decisions);
    }

    public async Task<IReadOnlyDictionary<string, int>> PurgeResumesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var container = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.StartsWith(SelfIdentifiedPrefix, StringComparison.Ordinal) || blob.Properties.LastModified is not { } written || written >= olderThan)
            {
                continue;
            }

            if ((await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                var tenant = StorageKeys.TenantOfBlob(blob.Name);
                counts[tenant] = counts.GetValueOrDefault(tenant) + 1;
            }
        }

        // Resumes kept in candidate rows: the row stays (the batch's records outlive the resume), without the text.
        var candidates = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"{ResumeTextProperty} gt {string.Empty} and Timestamp lt {olderThan}");
        await foreach (var row in candidates.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "DisplayName", "ResumeBlobName", ResumeTextProperty], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Checked here too: Azurite also matches rows without the property.
            if (!row.Remove(ResumeTextProperty))
            {
                continue;
            }

            try
            {
                // The row without the resume replaces it; the ETag keeps a newer write.
                await candidates.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue; // Deleted or rewritten since the query: not a resume past its retention any more.
            }

            var tenant = StorageKeys.TenantOfBlob(row.PartitionKey + "/");
            counts[tenant] = counts.GetValueOrDefault(tenant) + 1;
        }

        return counts;
    }

    /// <summary>Deletes the rows matching <paramref name="filter"/> and their offloaded payload blobs; returns how many rows.</summary>
    private static async Task<int> DeleteRowsAsync(TableClient table, string filter, BlobContainerClient payloads, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", PayloadBlobProperty], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString(PayloadBlobProperty) is { Length: > 0 } payloadBlob)
            {
                await payloads.GetBlobClient(payloadBlob).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return deleted;
    }

    public async Task<RecordPage<CandidateErasure>> ListErasurePageAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Tenant);
        var log = await _erasures.GetAsync(cancellationToken).ConfigureAwait(false);
        var size = Math.Clamp(query.PageSize, 1, RecordQuery.MaxPageSize);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Escape(query.Tenant)}");
        Page<TableEntity>? first;
        try
        {
            first = await FirstPageAsync(log.QueryAsync<TableEntity>(filter, maxPerPage: size, cancellationToken: cancellationToken)
                .AsPages(query.ContinuationToken, size)).ConfigureAwait(false);
        }
        catch (Exception ex) when (query.ContinuationToken is not null && ex is RequestFailedException { Status: 400 } or ArgumentException or FormatException)
        {
            throw new ArgumentException("The continuation token is not one the table service issued.", nameof(RecordQuery.ContinuationToken), ex);
        }

        if (first is null)
        {
            return new RecordPage<CandidateErasure>([], null);
        }

        var items = new List<CandidateErasure>(first.Values.Count);
        foreach (var entity in first.Values)
        {
            items.Add(await ReadPayloadAsync<CandidateErasure>(entity, cancellationToken).ConfigureAwait(false));
        }

        // A token that points into another partition would leave the tenant's log: the filter keeps the partition, so a
        // forged token can only skip within it.
        return new RecordPage<CandidateErasure>(items, first.ContinuationToken);
    }

    /// <summary>Batch ids are validated (no character <see cref="StorageKeys.Escape"/> changes), so the partition key is the id.</summary>
    private static string UnescapeBatchId(string partitionKey) => Uri.UnescapeDataString(partitionKey);

    public async Task<ScreeningBatchRecord?> GetBatchAsync(string batchId, bool includeProgress = true, CancellationToken cancellationToken = default)
    {
        var batch = await ReadBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null || !includeProgress)
        {
            return batch;
        }

        var table = await _results.GetAsync(cancellationToken).ConfigureAwait(false);
        int screened = 0, failed = 0, held = 0;
        var scorers = new SortedSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Escape(batchId)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Status", "Held", "Scorer"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Status") == nameof(CandidateResultStatus.Failed))
            {
                failed++;
            }
            else
            {
                screened++;
                held += entity.GetBoolean("Held") == true ? 1 : 0;
                if (entity.GetString("Scorer") is { Length: > 0 } scorer)
                {
                    scorers.Add(scorer);
                }
            }
        }

        return batch with { Progress = new BatchProgress(batch.Total, screened, failed, held), Scorers = [.. scorers] };
    }

    public async Task RecordScorerChangeAsync(string batchId, ScorerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var batch = await ReadBatchAsync(batchId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Batch '{batchId}' is not stored: persist the batch before recording a scorer change.");
        await WriteBatchAsync(batch with { ScorerChanges = [.. (batch.ScorerChanges ?? []).Where(c => c.Round != change.Round), change] }, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetBatchStatusAsync(string batchId, ScreeningBatchStatus status, DateTimeOffset at, IReadOnlyList<ShortlistEntry>? shortlist = null, CancellationToken cancellationToken = default)
    {
        var batch = await ReadBatchAsync(batchId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Batch '{batchId}' is not stored: persist the batch before setting its status.");
        await WriteBatchAsync(batch with { Status = status, UpdatedAt = at, Shortlist = shortlist ?? batch.Shortlist }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CandidateRecord?> GetCandidateAsync(string batchId, string candidateId, CancellationToken cancellationToken = default)
    {
        var table = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(StorageKeys.Escape(batchId), StorageKeys.Escape(candidateId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity
            ? ToCandidate(batchId, candidateId, entity)
            : null;
    }

    public async Task<IReadOnlyDictionary<string, CandidateRecord>> FindCandidatesAsync(string batchId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, CandidateRecord>(StringComparer.Ordinal);
        await foreach (var (candidateId, entity) in QueryRowsAsync(_candidates, batchId, candidateIds, cancellationToken).ConfigureAwait(false))
        {
            found[candidateId] = ToCandidate(batchId, candidateId, entity);
        }

        return found;
    }

    public async Task<string> PutResumeAsync(string batchId, string candidateId, string resumeText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resumeText);
        var name = StorageKeys.ResumeBlobName(batchId, candidateId);
        var container = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(resumeText), overwrite: true, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async Task<IReadOnlyList<string>> PutResumesAsync(string batchId, IReadOnlyList<KeyValuePair<string, string>> resumesByCandidate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        ArgumentNullException.ThrowIfNull(resumesByCandidate);
        var references = new string[resumesByCandidate.Count];
        var rows = new List<TableEntity>(resumesByCandidate.Count);
        var partition = StorageKeys.Escape(batchId);
        var large = new List<int>();
        for (var i = 0; i < resumesByCandidate.Count; i++)
        {
            var (candidateId, text) = resumesByCandidate[i];
            ArgumentNullException.ThrowIfNull(text);
            if (text.Length > MaxRowResumeChars)
            {
                large.Add(i);
                continue;
            }

            rows.Add(new TableEntity(partition, StorageKeys.Escape(candidateId)) { [ResumeTextProperty] = text });
            references[i] = StorageKeys.RowResumeReference(batchId, candidateId);
        }

        var table = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            // Merged: a row saved before (a repeated activity) keeps its name and blob reference; an erased one stays erased.
            await MergeUnlessErasedAsync(table, rows, cancellationToken).ConfigureAwait(false);
        }

        if (large.Count > 0)
        {
            // An erased candidate's resume is not stored again (its reference then reads as no resume).
            var erased = await ErasedRowKeysAsync(table, partition, cancellationToken).ConfigureAwait(false);
            large.RemoveAll(i => erased.Contains(StorageKeys.Escape(resumesByCandidate[i].Key)));
            foreach (var i in Enumerable.Range(0, references.Length).Where(i => references[i] is null))
            {
                references[i] = StorageKeys.ResumeBlobName(batchId, resumesByCandidate[i].Key);
            }

            await Parallel.ForEachAsync(large, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
                references[i] = await PutResumeAsync(batchId, resumesByCandidate[i].Key, resumesByCandidate[i].Value, ct).ConfigureAwait(false)).ConfigureAwait(false);

            // An erasure that ran during the uploads found no blob yet to delete: delete it now.
            var erasedSince = await ErasedRowKeysAsync(table, partition, cancellationToken).ConfigureAwait(false);
            var resumes = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
            foreach (var i in large.Where(i => erasedSince.Contains(StorageKeys.Escape(resumesByCandidate[i].Key))))
            {
                await resumes.GetBlobClient(references[i]).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        return references;
    }

    public async Task<string?> GetResumeAsync(string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (StorageKeys.TryParseRowResume(blobName, out var partitionKey, out var rowKey))
        {
            var table = await _candidates.GetAsync(cancellationToken).ConfigureAwait(false);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: [ResumeTextProperty], cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? row.Value!.GetString(ResumeTextProperty) : null;
        }

        var container = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        return await DownloadOrNullAsync(container.GetBlobClient(blobName), cancellationToken).ConfigureAwait(false);
    }

    public async Task PutSelfIdentifiedAsync(string batchId, IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories> categories, CancellationToken cancellationToken = default)
    {
        var container = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(SelfIdentifiedBlobName(batchId)).UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(categories, Json)), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories>> GetSelfIdentifiedAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var container = await _resumes.GetAsync(cancellationToken).ConfigureAwait(false);
        var json = await DownloadOrNullAsync(container.GetBlobClient(SelfIdentifiedBlobName(batchId)), cancellationToken).ConfigureAwait(false);
        return json is null ? new Dictionary<string, Fairness.SelfIdentifiedCategories>() : JsonSerializer.Deserialize<Dictionary<string, Fairness.SelfIdentifiedCategories>>(json, Json) ?? [];
    }

    /// <summary>Apart from the resumes and every record the screening path reads: "self-identified/{batchId}.json".</summary>
    private static string SelfIdentifiedBlobName(string batchId) => $"{SelfIdentifiedPrefix}{StorageKeys.Escape(batchId)}.json";

    private const string SelfIdentifiedPrefix = "self-identified/";

    public async Task UpsertResultAsync(CandidateResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = await _results.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await ToEntityAsync(result, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpsertResultsAsync(IReadOnlyList<CandidateResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = await _results.GetAsync(cancellationToken).ConfigureAwait(false);
        var entities = new List<TableEntity>(results.Count);
        foreach (var result in results)
        {
            entities.Add(await ToEntityAsync(result, cancellationToken).ConfigureAwait(false));
        }

        await UpsertManyAsync(table, entities, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CandidateResult?> GetResultAsync(string batchId, string candidateId, CancellationToken cancellationToken = default)
    {
        var table = await _results.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(StorageKeys.Escape(batchId), StorageKeys.Escape(candidateId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity
            ? await ReadPayloadAsync<CandidateResult>(entity, cancellationToken).ConfigureAwait(false)
            : null;
    }

    public async Task<IReadOnlyDictionary<string, CandidateResult>> FindResultsAsync(string batchId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, CandidateResult>(StringComparer.Ordinal);
        await foreach (var (candidateId, entity) in QueryRowsAsync(_results, batchId, candidateIds, cancellationToken).ConfigureAwait(false))
        {
            found[candidateId] = await ReadPayloadAsync<CandidateResult>(entity, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }

    public async Task<IReadOnlyList<CandidateResult>> GetResultsAsync(string batchId, CancellationToken cancellationToken = default) =>
        StorageKeys.OrderForReading(await ReadPartitionAsync<CandidateResult>(_results, batchId, cancellationToken).ConfigureAwait(false));

    public async Task RecordDecisionAsync(DecisionTrailEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await _decisions.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(StorageKeys.Escape(entry.BatchId), StorageKeys.DecisionRowKey(entry.Sequence))
        {
            ["Kind"] = entry.Kind.ToString(),
            ["At"] = entry.At,
        };
        await SetPayloadAsync(entity, entry, "decisions", cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DecisionTrail> GetDecisionTrailAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var entries = await ReadPartitionAsync<DecisionTrailEntry>(_decisions, batchId, cancellationToken).ConfigureAwait(false);
        var results = await ReadPartitionAsync<CandidateResult>(_results, batchId, cancellationToken).ConfigureAwait(false);
        return new DecisionTrail(batchId, entries.OrderBy(e => e.Sequence).ToArray(), StorageKeys.ScoringOf(results));
    }

    public async Task UpsertJobDescriptionVersionAsync(string tenant, JobDescriptionVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var table = await _jobDescriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(StorageKeys.Escape(version.JobDescriptionId), StorageKeys.VersionRowKey(version.Version)) { ["Tenant"] = tenant };
        await SetPayloadAsync(entity, version, "jobdescriptions", cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        if (await ReadHeadAsync(table, version.JobDescriptionId, cancellationToken).ConfigureAwait(false) is null)
        {
            await WriteHeadAsync(table, new JobDescriptionRecord(version.JobDescriptionId, tenant, JobDescriptionStatus.Drafting, null, null, null, version.CreatedAt, []), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SetJobDescriptionStatusAsync(string jobDescriptionId, string tenant, JobDescriptionStatus status, DateTimeOffset at, int? approvedVersion = null, string? approvedBy = null, string? error = null, CancellationToken cancellationToken = default)
    {
        var table = await _jobDescriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var existing = await ReadHeadAsync(table, jobDescriptionId, cancellationToken).ConfigureAwait(false)
            ?? new JobDescriptionRecord(jobDescriptionId, tenant, status, null, null, null, at, [], error);
        var updated = existing with
        {
            Status = status,
            UpdatedAt = at,
            ApprovedVersion = approvedVersion ?? existing.ApprovedVersion,
            ApprovedBy = approvedBy ?? existing.ApprovedBy,
            ApprovedAt = approvedVersion is null ? existing.ApprovedAt : at,
            Error = error,
        };
        await WriteHeadAsync(table, updated, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobDescriptionRecord?> GetJobDescriptionAsync(string jobDescriptionId, CancellationToken cancellationToken = default)
    {
        var table = await _jobDescriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        var head = await ReadHeadAsync(table, jobDescriptionId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var versions = new List<JobDescriptionVersion>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Escape(jobDescriptionId)} and RowKey ge {"v"} and RowKey lt {"w"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(await ReadPayloadAsync<JobDescriptionVersion>(entity, cancellationToken).ConfigureAwait(false));
        }

        return head with { Versions = versions.OrderBy(v => v.Version).ToArray() };
    }

    private static CandidateRecord ToCandidate(string batchId, string candidateId, TableEntity entity) =>
        new(batchId, candidateId, entity.GetString("DisplayName") ?? string.Empty, entity.GetString("ResumeBlobName") ?? string.Empty, entity.GetString(ResumeTextProperty));

    private static CreatedOnFirstUse<TableClient> Table(TableClient client) =>
        new(client, async (c, ct) => await c.CreateIfNotExistsAsync(ct).ConfigureAwait(false));

    private static CreatedOnFirstUse<BlobContainerClient> Container(BlobContainerClient client) =>
        new(client, async (c, ct) => await c.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false));

    public async Task<RecordPage<ScreeningBatchRecord>> ListBatchesAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var table = await _batches.GetAsync(cancellationToken).ConfigureAwait(false);
        return await QueryPageAsync<ScreeningBatchRecord>(table, StorageKeys.BatchRowKey, query, requisitionFilter: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordPage<JobDescriptionRecord>> ListJobDescriptionsAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var table = await _jobDescriptions.GetAsync(cancellationToken).ConfigureAwait(false);
        return await QueryPageAsync<JobDescriptionRecord>(table, StorageKeys.JobDescriptionRowKey, query, requisitionFilter: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One page of head rows filtered in the table service (row key, tenant, status, requisition, UpdatedAt), in the
    /// service's key order; the continuation token is the service's own (partition and row key), so a page never
    /// skips or repeats a record.
    /// </summary>
    private async Task<RecordPage<T>> QueryPageAsync<T>(TableClient table, string rowKey, RecordQuery query, bool requisitionFilter, CancellationToken cancellationToken)
    {
        var filters = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {rowKey}") };
        if (query.Tenant is { } tenant)
        {
            filters.Add(TableClient.CreateQueryFilter($"Tenant eq {tenant}"));
        }

        if (query.Status is { } status)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        if (requisitionFilter && query.RequisitionId is { } requisition)
        {
            filters.Add(TableClient.CreateQueryFilter($"RequisitionId eq {requisition}"));
        }

        if (query.UpdatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"UpdatedAt ge {from}"));
        }

        if (query.UpdatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"UpdatedAt lt {to}"));
        }

        var size = Math.Clamp(query.PageSize, 1, RecordQuery.MaxPageSize);
        Page<TableEntity>? first;
        try
        {
            first = await FirstPageAsync(table.QueryAsync<TableEntity>(string.Join(" and ", filters), maxPerPage: size, cancellationToken: cancellationToken)
                .AsPages(query.ContinuationToken, size)).ConfigureAwait(false);
        }
        catch (Exception ex) when (query.ContinuationToken is not null && ex is RequestFailedException { Status: 400 } or ArgumentException or FormatException)
        {
            // The service's token is "{next partition key} {next row key}"; one it cannot resume from was not issued by it.
            throw new ArgumentException("The continuation token is not one the table service issued.", nameof(RecordQuery.ContinuationToken), ex);
        }

        if (first is null)
        {
            return new RecordPage<T>([], null);
        }

        var items = new List<T>(first.Values.Count);
        foreach (var entity in first.Values)
        {
            items.Add(await ReadPayloadAsync<T>(entity, cancellationToken).ConfigureAwait(false));
        }

        return new RecordPage<T>(items, first.ContinuationToken);
    }

    private static async Task<Page<TableEntity>?> FirstPageAsync(IAsyncEnumerable<Page<TableEntity>> pages)
    {
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return page;
        }

        return null;
    }

    private async Task WriteBatchAsync(ScreeningBatchRecord batch, CancellationToken cancellationToken)
    {
        var table = await _batches.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(StorageKeys.Escape(batch.BatchId), StorageKeys.BatchRowKey)
        {
            ["Tenant"] = batch.Tenant,
            ["Status"] = batch.Status.ToString(),
            ["Total"] = batch.Total,
            ["UpdatedAt"] = batch.UpdatedAt,
            ["RequisitionId"] = batch.Requisition.RequisitionId,
        };
        await SetPayloadAsync(entity, batch, "batches", cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ScreeningBatchRecord?> ReadBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        var table = await _batches.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(StorageKeys.Escape(batchId), StorageKeys.BatchRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity
            ? await ReadPayloadAsync<ScreeningBatchRecord>(entity, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<JobDescriptionRecord?> ReadHeadAsync(TableClient table, string jobDescriptionId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(StorageKeys.Escape(jobDescriptionId), StorageKeys.JobDescriptionRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } entity
            ? await ReadPayloadAsync<JobDescriptionRecord>(entity, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task WriteHeadAsync(TableClient table, JobDescriptionRecord record, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(StorageKeys.Escape(record.JobDescriptionId), StorageKeys.JobDescriptionRowKey)
        {
            ["Tenant"] = record.Tenant,
            ["Status"] = record.Status.ToString(),
            ["UpdatedAt"] = record.UpdatedAt,
        };
        await SetPayloadAsync(entity, record with { Versions = [] }, "jobdescriptions", cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TableEntity> ToEntityAsync(CandidateResult result, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(StorageKeys.Escape(result.BatchId), StorageKeys.Escape(result.CandidateId))
        {
            ["Status"] = result.Status.ToString(),
            ["Rank"] = result.Rank,
            ["OverallScore"] = result.Assessment?.OverallScore,
            ["MustHavesMet"] = result.Assessment?.MustHavesMet,
            ["Held"] = result.Status == CandidateResultStatus.Screened && result.Hold is { IsActive: true },
            ["Scorer"] = result.Scorer,
        };
        await SetPayloadAsync(entity, result, "results", cancellationToken).ConfigureAwait(false);
        return entity;
    }

    private async Task<List<T>> ReadPartitionAsync<T>(CreatedOnFirstUse<TableClient> storageTable, string partition, CancellationToken cancellationToken)
    {
        var table = await storageTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Escape(partition)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(await ReadPayloadAsync<T>(entity, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    /// <summary>
    /// The rows of <paramref name="candidateIds"/> in one batch partition, with the candidate id each belongs to: one
    /// query per <see cref="RowKeysPerQuery"/> ids (a table filter allows at most 15 comparisons).
    /// </summary>
    private static async IAsyncEnumerable<(string CandidateId, TableEntity Entity)> QueryRowsAsync(
        CreatedOnFirstUse<TableClient> storageTable,
        string batchId,
        IReadOnlyCollection<string> candidateIds,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        var table = await storageTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var byRowKey = candidateIds.Distinct(StringComparer.Ordinal).ToDictionary(StorageKeys.Escape, id => id, StringComparer.Ordinal);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Escape(batchId)}");
        foreach (var slice in byRowKey.Keys.Chunk(RowKeysPerQuery))
        {
            var rows = string.Join(" or ", slice.Select(rowKey => TableClient.CreateQueryFilter($"RowKey eq {rowKey}")));
            await foreach (var entity in table.QueryAsync<TableEntity>($"{partition} and ({rows})", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return (byRowKey[entity.RowKey], entity);
            }
        }
    }

    private async Task SetPayloadAsync<T>(TableEntity entity, T value, string kind, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(value, Json);
        if (json.Length <= MaxInlinePayloadChars)
        {
            entity[PayloadProperty] = json;
            return;
        }

        // Deterministic blob name: a repeated write overwrites the same blob.
        var blobName = $"{kind}/{entity.PartitionKey}/{entity.RowKey}.json";
        var container = await _payloads.GetAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken).ConfigureAwait(false);
        entity[PayloadBlobProperty] = blobName;
    }

    private async Task<T> ReadPayloadAsync<T>(TableEntity entity, CancellationToken cancellationToken)
    {
        var json = entity.GetString(PayloadProperty);
        if (json is null && entity.GetString(PayloadBlobProperty) is { } blobName)
        {
            var container = await _payloads.GetAsync(cancellationToken).ConfigureAwait(false);
            json = await DownloadOrNullAsync(container.GetBlobClient(blobName), cancellationToken).ConfigureAwait(false);
        }

        return json is null
            ? throw new InvalidOperationException($"Stored row ({entity.PartitionKey}, {entity.RowKey}) has no payload: the row was written by something other than this store.")
            : JsonSerializer.Deserialize<T>(json, Json)
              ?? throw new InvalidOperationException($"Stored row ({entity.PartitionKey}, {entity.RowKey}) holds a null payload.");
    }

    /// <summary>
    /// Merges <paramref name="entities"/> (candidate rows) into their rows, except rows of erased candidates
    /// (<see cref="CandidateErasure.ErasedMarker"/>), which keep neither name nor resume written after the erasure. Each
    /// row is written on the condition that it is as read (the ETag of an existing row; absent for a new one), so an
    /// erasure that lands between the read and the write fails the transaction, which is read and written again.
    /// </summary>
    private static async Task MergeUnlessErasedAsync(TableClient table, IReadOnlyList<TableEntity> entities, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            for (var attempt = 1; ; attempt++)
            {
                var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}");
                await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "DisplayName"], cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    existing[row.RowKey] = row;
                }

                var actions = new List<TableTransactionAction>();
                foreach (var entity in partition)
                {
                    if (!existing.TryGetValue(entity.RowKey, out var row))
                    {
                        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
                    }
                    else if (row.GetString("DisplayName") != CandidateErasure.ErasedMarker)
                    {
                        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, row.ETag));
                    }
                }

                try
                {
                    await SubmitManyAsync(table, actions, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < attempts)
                {
                    // Another writer (an erasure, a concurrent save) changed a row since the read: read again.
                }
            }
        }
    }

    /// <summary>The (escaped) row keys of the erased candidates of one batch partition.</summary>
    private static async Task<HashSet<string>> ErasedRowKeysAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var erased = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and DisplayName eq {CandidateErasure.ErasedMarker}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            erased.Add(row.RowKey);
        }

        return erased;
    }

    private static Task UpsertManyAsync(TableClient table, IReadOnlyList<TableEntity> entities, CancellationToken cancellationToken) =>
        SubmitManyAsync(table, entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);

    private static async Task SubmitManyAsync(TableClient table, IEnumerable<TableTransactionAction> all, CancellationToken cancellationToken)
    {
        // Entity group transactions: up to 100 entities of one partition and under 4 MiB per round trip.
        foreach (var partition in all.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var actions = new List<TableTransactionAction>(100);
            var bytes = 0L;
            foreach (var action in partition)
            {
                var size = WireBytes((TableEntity)action.Entity);
                if (actions.Count == 100 || (actions.Count > 0 && bytes + size > MaxTransactionBytes))
                {
                    await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    actions.Clear();
                    bytes = 0;
                }

                actions.Add(action);
                bytes += size;
            }

            if (actions.Count > 0)
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// An upper bound of an entity's bytes in a transaction's JSON body (<see cref="JsonBytes"/> of every name and string
    /// value), plus a fixed allowance for the keys' quoting, the other values and the changeset's headers.
    /// </summary>
    private static long WireBytes(TableEntity entity)
    {
        var bytes = 1024L;
        foreach (var (name, value) in entity)
        {
            bytes += 16 + JsonBytes(name) + JsonBytes(value as string ?? string.Empty);
        }

        return bytes;
    }

    /// <summary>
    /// An upper bound of a string's bytes as a JSON string: a character the default JSON encoder escapes
    /// (<see cref="System.Text.Encodings.Web.JavaScriptEncoder.Default"/>: controls, quotes, HTML-sensitive ones such as
    /// '+' and '`', every non-ASCII character, each surrogate) as a six-byte \u escape, any other as its UTF-8 bytes.
    /// Asks the encoder instead of listing characters: a list missed '+' and '`', and 100 rows of them overran 4 MiB.
    /// </summary>
    internal static long JsonBytes(string text)
    {
        var encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default;
        var bytes = 0L;
        foreach (var c in text)
        {
            bytes += c > 0x7E || char.IsSurrogate(c) || encoder.WillEncode(c) ? 6 : 1;
        }

        return bytes;
    }

    private static async Task<string?> DownloadOrNullAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
