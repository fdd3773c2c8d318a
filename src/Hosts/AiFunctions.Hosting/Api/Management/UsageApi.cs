using System.Globalization;
using AiFunctions.Hosting.Management;
using AiFunctions.Kernel.Accounting;
using CsvHelper;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>
/// <c>GET /api/manage/usage?groupBy=tenant|route|workflow|model&amp;period=hour|day&amp;from=&amp;to=[&amp;format=csv]</c>:
/// the caller's tenant's tokens and cost from the kernel's usage accounting (<see cref="UsageReader"/>: this host's hourly
/// buckets from memory, every other host's from storage), with the tenant's budgets and what
/// remains (<see cref="IBudgetStatus"/>). The tenant is always the caller's, never the query's: another tenant's usage
/// cannot be asked for. Defaults: period day, groupBy route, the last 7 days (hour: the last 24 hours). Ranges: at
/// most 7 days by hour and 366 days by day. <c>format=csv</c> answers every row as RFC 4180 CSV (no paging;
/// spreadsheet formula prefixes escaped).
/// </summary>
public sealed class UsageApi(UsageReader usage, IBudgetStatus budgets, TimeProvider time)
{
    private static readonly TimeSpan MaxHourRange = TimeSpan.FromDays(7);
    private static readonly TimeSpan MaxDayRange = TimeSpan.FromDays(366);

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (query, problem) = Parse(request);
        if (problem is not null)
        {
            return problem;
        }

        var (groupBy, period, from, to, csv, pageSize, offset) = query!.Value;
        var buckets = await usage.ReadAsync(caller.Tenant, from, to, cancellationToken).ConfigureAwait(false);
        var rows = buckets
            .GroupBy(b => (Start: Start(b.Hour, period), Key: KeyOf(b, groupBy)))
            .OrderBy(g => g.Key.Start).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => Sum(g.Key.Start, g.Key.Key, g))
            .ToList();
        if (csv)
        {
            return Results.Text(ToCsv(rows, groupBy), "text/csv; charset=utf-8");
        }

        var totals = buckets.GroupBy(b => KeyOf(b, groupBy)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(null, g.Key, g)).ToList();
        var page = rows.Skip(offset).Take(pageSize).ToList();
        var next = offset + pageSize < rows.Count ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Results.Json(
            new UsageReport(caller.Tenant, groupBy, period, from, to, page, totals, budgets.For(caller.Tenant), next, NextUri(request, next)),
            ApiJson.Options);
    }

    internal static UsageRow Sum(DateTimeOffset? start, string key, IEnumerable<UsageBucket> buckets)
    {
        long calls = 0, input = 0, output = 0, cached = 0;
        var cost = 0m;
        var currency = CallUsage.None.Currency;
        foreach (var b in buckets)
        {
            calls += b.Calls;
            input += b.InputTokens;
            output += b.OutputTokens;
            cached += b.CachedInputTokens;
            if (cost == 0m && b.Cost != 0m)
            {
                currency = b.Currency;
            }

            cost += b.Cost;
        }

        return new UsageRow(start, key, calls, input, output, cached, input + output, cost, currency);
    }

    private static string KeyOf(UsageBucket b, UsageGrouping groupBy) => groupBy switch
    {
        UsageGrouping.Tenant => b.Tenant,
        UsageGrouping.Workflow => b.Workflow,
        UsageGrouping.Model => b.Model,
        _ => b.Route,
    };

    private static DateTimeOffset Start(DateTimeOffset at, UsagePeriod period)
    {
        var utc = at.UtcDateTime;
        return period == UsagePeriod.Hour
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>RFC 4180 (CRLF records, quoted where needed) with spreadsheet formula prefixes escaped (CsvHelper).</summary>
    private static string ToCsv(IReadOnlyList<UsageRow> rows, UsageGrouping groupBy)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord(["periodStart", groupBy.ToString().ToLowerInvariant(), "calls", "inputTokens", "outputTokens", "cachedInputTokens", "totalTokens", "cost", "currency"]);
            foreach (var r in rows)
            {
                csv.WriteRecord(
                [
                    r.PeriodStart!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.Key,
                    N(r.Calls), N(r.InputTokens), N(r.OutputTokens), N(r.CachedInputTokens), N(r.TotalTokens),
                    r.Cost.ToString(CultureInfo.InvariantCulture), r.Currency,
                ]);
            }
        }

        return text.ToString();

        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private ((UsageGrouping GroupBy, UsagePeriod Period, DateTimeOffset From, DateTimeOffset To, bool Csv, int PageSize, int Offset)? Query, IResult? Problem) Parse(HttpRequest request)
    {
        string? Q(string name) => request.Query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        var errors = new List<string>();
        T Choice<T>(string name, T fallback)
            where T : struct, Enum
        {
            var text = Q(name);
            if (text is null)
            {
                return fallback;
            }

            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _) && Enum.IsDefined(value))
            {
                return value;
            }

            errors.Add($"{name} '{Cut(text)}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            return fallback;
        }

        var groupBy = Choice("groupBy", UsageGrouping.Route);
        var period = Choice("period", UsagePeriod.Day);
        var format = Q("format");
        if (format is not null && !format.Equals("csv", StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"format '{Cut(format)}' is not json or csv.");
        }

        var toValue = ApiPaging.Timestamp(request, "to", errors);
        var fromValue = ApiPaging.Timestamp(request, "from", errors);
        var to = Ceiling(toValue ?? time.GetUtcNow(), period);
        var from = Start(fromValue ?? to - (period == UsagePeriod.Hour ? TimeSpan.FromHours(24) : TimeSpan.FromDays(7)), period);
        var max = period == UsagePeriod.Hour ? MaxHourRange : MaxDayRange;
        if (errors.Count == 0 && from >= to)
        {
            errors.Add($"from ({from:O}) is not before to ({to:O}): send from earlier than to.");
        }
        else if (errors.Count == 0 && to - from > max)
        {
            errors.Add($"from-to spans {(to - from).TotalDays:0.#} days; the most for period={period.ToString().ToLowerInvariant()} is {max.TotalDays:0} days: shorten the range{(period == UsagePeriod.Hour ? " or use period=day" : string.Empty)}.");
        }

        var pageSize = 200;
        if (Q("pageSize") is { } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            errors.Add($"pageSize '{Cut(size)}' is out of range: use 1 to 1000.");
        }

        var offset = 0;
        if (Q("continuationToken") is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            errors.Add("continuationToken is not one this endpoint issued: send the previous page's continuationToken unchanged.");
        }

        return errors.Count > 0
            ? (null, ApiProblems.Validation(errors))
            : ((groupBy, period, from, to, format?.Equals("csv", StringComparison.OrdinalIgnoreCase) == true, pageSize, offset), null);
    }

    /// <summary>The end of the period containing <paramref name="at"/> (itself when it is a boundary).</summary>
    private static DateTimeOffset Ceiling(DateTimeOffset at, UsagePeriod period)
    {
        var start = Start(at, period);
        return start == at ? start : start + (period == UsagePeriod.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1));
    }

    private static string? NextUri(HttpRequest request, string? token) => ApiPaging.NextUri(request, token);

    private static string Cut(string text) => ApiPaging.Cut(text);
}
