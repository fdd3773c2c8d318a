using System.Globalization;
using AiFunctions.Hosting.Security;
using AiFunctions.Workflows.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// <see cref="IRouteVersionStore"/> on Azure Table storage: table <c>{NamePrefix}RouteVersions</c>, partition = the route
/// name in lower case (escaped), row = <c>int.MaxValue - version</c> as 10 digits, so rows sort newest first and the
/// latest version is the partition's first row. A new version is <c>AddEntity</c> (If-None-Match: *): the service lets one
/// insert of a row succeed and answers every other 409, whichever host sent it. Columns: Route, Version, Before, After
/// (the settings as JSON), ChangedBy, ChangedAt, Reason, RolledBackTo.
/// </summary>
public sealed class TableRouteVersionStore : IRouteVersionStore
{
    private readonly LazyTable _table;

    public TableRouteVersionStore(IOptions<WorkflowStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _table = new LazyTable(new TableServiceClient(settings.ConnectionString, StorageClientDefaults.Tables()).GetTableClient(settings.NamePrefix + "RouteVersions"));
    }

    public async Task<RouteVersionRecord?> LatestAsync(string route, CancellationToken cancellationToken = default)
    {
        var page = await ListAsync(route, 1, null, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    public async Task<RouteVersionRecord?> GetAsync(string route, int version, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(route), Row(version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? Read(entity) : null;
    }

    public async Task<RouteVersionPage> ListAsync(string route, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var query = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(route)}"), maxPerPage: pageSize, cancellationToken: cancellationToken);
        try
        {
            await foreach (var page in query.AsPages(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, pageSize).ConfigureAwait(false))
            {
                return new RouteVersionPage([.. page.Values.Select(Read)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (Exception ex) when (!string.IsNullOrEmpty(continuationToken) && ex is RequestFailedException { Status: 400 } or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            // The token is the table service's "{next partition key} {next row key}": one it refuses was not issued by it.
            throw new ArgumentException("The continuation token is not one the table service issued.", nameof(continuationToken), ex);
        }

        return new RouteVersionPage([], null);
    }

    public async Task<bool> TryAddAsync(RouteVersionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition(record.Route), Row(record.Version))
        {
            ["Route"] = record.Route,
            ["Version"] = record.Version,
            ["Before"] = record.Before,
            ["After"] = record.After,
            ["ChangedBy"] = record.ChangedBy,
            ["ChangedAt"] = record.ChangedAt,
            ["Reason"] = record.Reason,
            ["RolledBackTo"] = record.RolledBackTo,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static RouteVersionRecord Read(TableEntity row) => new(
        row.GetString("Route") ?? string.Empty,
        row.GetInt32("Version") ?? 0,
        row.GetString("Before") ?? "{}",
        row.GetString("After") ?? "{}",
        row.GetString("ChangedBy") ?? "unknown",
        row.GetDateTimeOffset("ChangedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue,
        row.GetString("Reason"),
        row.GetInt32("RolledBackTo"));

    /// <summary>The route name in lower case with every character Table keys forbid (/, \, #, ?, controls) escaped.</summary>
    internal static string Partition(string route) => Uri.EscapeDataString(route.ToLowerInvariant());

    internal static string Row(int version) => (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture);

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => _table.GetAsync(cancellationToken);
}
