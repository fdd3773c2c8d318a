using AiFunctions.Workflows.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// <see cref="IFirstClaimStore"/> on Azure Table storage (table <c>{NamePrefix}FirstClaims</c>, partition = the scoped
/// key, row = the kind). The claim is an insert (<c>AddEntity</c>, i.e. If-None-Match: *): the service lets exactly one
/// insert of a row succeed and answers the others 409, whichever instance sent them.
/// </summary>
public sealed class TableFirstClaimStore : IFirstClaimStore
{
    private readonly LazyTable _table;

    public TableFirstClaimStore(IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _table = new LazyTable(new TableServiceClient(settings.ConnectionString, StorageClientDefaults.Tables()).GetTableClient(settings.NamePrefix + "FirstClaims"));
    }

    public async Task<FirstClaim?> TryClaimAsync(string key, string kind, FirstClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(key, kind) { ["By"] = claim.By, ["At"] = claim.At, ["What"] = claim.What }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await ReadAsync(table, key, kind, cancellationToken).ConfigureAwait(false) ?? claim with { By = "unknown" };
        }
    }

    public async Task<FirstClaim?> GetAsync(string key, string kind, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(table, key, kind, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<FirstClaim?> ReadAsync(TableClient table, string key, string kind, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(key, kind, cancellationToken: cancellationToken).ConfigureAwait(false);
        return existing.HasValue && existing.Value is { } row
            ? new FirstClaim(row.GetString("By") ?? "unknown", row.GetDateTimeOffset("At") ?? row.Timestamp ?? DateTimeOffset.MinValue, row.GetString("What") ?? string.Empty)
            : null;
    }

    public async Task ReleaseAsync(string key, string kind, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(key, kind, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteAllAsync(string key, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await table.DeleteEntityAsync(key, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return deleted;
    }

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => _table.GetAsync(cancellationToken);
}
