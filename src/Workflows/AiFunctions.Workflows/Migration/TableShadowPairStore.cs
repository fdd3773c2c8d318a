using System.Text.Json;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// <see cref="IShadowPairStore"/> on Azure Table storage: table ShadowPairs, partition = route (lower case), row key =
/// the pair's id (which starts with the recording time's ticks, so rows sort by time), the pair as JSON. Uses the
/// screening store's account and name prefix (<c>AiFunctions:Storage</c>). Pairs hold no text (see <see cref="ShadowPair"/>).
/// </summary>
internal sealed class TableShadowPairStore : IShadowPairStore
{
    private const string PayloadProperty = "Payload";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CreatedOnFirstUse<TableClient> _pairs;

    public TableShadowPairStore(IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var client = new TableServiceClient(settings.ConnectionString).GetTableClient(settings.NamePrefix + "ShadowPairs");
        _pairs = new(client, static async (c, ct) => await c.CreateIfNotExistsAsync(ct).ConfigureAwait(false));
    }

    public async Task AddAsync(ShadowPair pair, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var table = await _pairs.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition(pair.Route), StorageKeys.Escape(RowKey(pair)))
        {
            [PayloadProperty] = JsonSerializer.Serialize(pair, Json),
            ["At"] = pair.At,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ShadowPair>> ListAsync(string route, DateTimeOffset? since = null, int max = 1000, CancellationToken cancellationToken = default)
    {
        var table = await _pairs.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = since is { } from
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition(route)} and At ge {from}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition(route)}");
        var list = new List<ShadowPair>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (list.Count >= max)
            {
                break;
            }

            list.Add(JsonSerializer.Deserialize<ShadowPair>(entity.GetString(PayloadProperty) ?? "null", Json)
                ?? throw new InvalidDataException($"Shadow pair ({entity.PartitionKey}, {entity.RowKey}) has no payload."));
        }

        return list.OrderBy(p => p.At).ToArray();
    }

    private static string Partition(string route) => StorageKeys.Escape(route.ToLowerInvariant());

    /// <summary>The id without the route prefix: "{ticks}-{guid}", so rows sort by time within the route's partition.</summary>
    private static string RowKey(ShadowPair pair) =>
        pair.Id.StartsWith(pair.Route + "-", StringComparison.Ordinal) ? pair.Id[(pair.Route.Length + 1)..] : pair.Id;
}
