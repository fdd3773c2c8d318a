using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// What the list and report endpoints share: the next page's address, the page size, timestamp bounds, and how a bad
/// query value is quoted back.
/// </summary>
internal static class ApiPaging
{
    /// <summary>The request's path and query with <paramref name="token"/> as <c>continuationToken</c>; null when there is no next page.</summary>
    public static string? NextUri(HttpRequest request, string? token)
    {
        if (token is null)
        {
            return null;
        }

        var query = request.Query.Where(q => q.Key != "continuationToken")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append("continuationToken=" + Uri.EscapeDataString(token));
        return request.Path + "?" + string.Join('&', query);
    }

    /// <summary>
    /// The <c>pageSize</c> query value: <paramref name="fallback"/> when absent; otherwise a whole number from 1 to
    /// <paramref name="max"/>, or <paramref name="fallback"/> with a problem added to <paramref name="errors"/> naming the range.
    /// </summary>
    public static int PageSize(HttpRequest request, int fallback, int max, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var text = request.Query["pageSize"].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= max)
        {
            return size;
        }

        errors.Add($"pageSize '{Cut(text)}' is out of range: use 1 to {max}.");
        return fallback;
    }

    /// <summary>The earliest instant the stores can compare against (Azure Table storage's Edm.DateTime minimum, 1601-01-01 UTC).</summary>
    public static readonly DateTimeOffset EarliestStored = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The query value <paramref name="name"/> as a timestamp (RFC 3339; without an offset it is read as UTC): null when
    /// absent or blank; otherwise the instant, or null with a problem added to <paramref name="errors"/> that names the
    /// field and the fix — not a timestamp, or earlier than <see cref="EarliestStored"/> (no record is older, and Table
    /// storage refuses the comparison).
    /// </summary>
    public static DateTimeOffset? Timestamp(HttpRequest request, string name, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!request.Query.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.ToString();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            errors.Add($"{name} '{Cut(text)}' is not a timestamp: use RFC 3339, e.g. 2026-11-30T10:00:00Z.");
            return null;
        }

        if (value < EarliestStored)
        {
            errors.Add($"{name} '{Cut(text)}' is before {EarliestStored:yyyy-MM-dd}: no record is older; use a later timestamp or leave {name} out.");
            return null;
        }

        return value;
    }

    /// <summary>A caller's value cut to 40 characters for a problem detail.</summary>
    public static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
