using System.Globalization;
using AiFunctions.Hosting.Security;
using AiFunctions.Workflows.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// <see cref="IUsageHistoryStore"/> on Azure Table storage: table <c>{NamePrefix}UsageHistory</c>, partition = the tenant,
/// row = <c>{yyyyMMddHH}|{host}|{route}|{workflow}|{model}</c> (names escaped), so a tenant's time range is one
/// partition range query. Rows are upserted whole (Replace) by the one host that owns them.
/// </summary>
public sealed class TableUsageHistoryStore : IUsageHistoryStore
{
    private const string HourFormat = "yyyyMMddHH";
    private readonly TableClient _table;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public TableUsageHistoryStore(IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _table = new TableServiceClient(settings.ConnectionString, StorageClientDefaults.Tables()).GetTableClient(settings.NamePrefix + "UsageHistory");
    }

    public async Task WriteAsync(IReadOnlyList<UsageBucket> buckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        foreach (var b in buckets)
        {
            var row = string.Join('|', Hour(b.Hour), Escape(b.Host), Escape(b.Route), Escape(b.Workflow), Escape(b.Model));
            await table.UpsertEntityAsync(new TableEntity(b.Tenant, row)
            {
                ["Hour"] = b.Hour,
                ["Route"] = b.Route,
                ["Workflow"] = b.Workflow,
                ["Model"] = b.Model,
                ["Host"] = b.Host,
                ["Calls"] = b.Calls,
                ["InputTokens"] = b.InputTokens,
                ["OutputTokens"] = b.OutputTokens,
                ["CachedInputTokens"] = b.CachedInputTokens,
                ["Cost"] = b.Cost.ToString(CultureInfo.InvariantCulture), // exact: Table storage has no decimal type
                ["Currency"] = b.Currency,
            }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<UsageBucket>> ReadAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and RowKey ge {Hour(from)} and RowKey lt {Hour(to)}");
        var result = new List<UsageBucket>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var hour = row.GetDateTimeOffset("Hour") ?? DateTimeOffset.MinValue;
            if (hour < from || hour >= to)
            {
                continue;
            }

            result.Add(new UsageBucket(
                tenant, hour, row.GetString("Route") ?? string.Empty, row.GetString("Workflow") ?? string.Empty, row.GetString("Model") ?? string.Empty,
                row.GetString("Host") ?? string.Empty, row.GetInt64("Calls") ?? 0, row.GetInt64("InputTokens") ?? 0, row.GetInt64("OutputTokens") ?? 0,
                row.GetInt64("CachedInputTokens") ?? 0,
                decimal.TryParse(row.GetString("Cost"), NumberStyles.Number, CultureInfo.InvariantCulture, out var cost) ? cost : 0m,
                row.GetString("Currency") ?? "USD"));
        }

        return result;
    }

    /// <summary>The hour key; an instant inside an hour maps to the next hour's key so a range bound never cuts an hour in half.</summary>
    private static string Hour(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var start = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        return (start == utc ? start : start.AddHours(1)).ToString(HourFormat, CultureInfo.InvariantCulture);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private async ValueTask<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return _table;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        return _table;
    }
}
