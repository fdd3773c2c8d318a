using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>What the paged list endpoints share: the next page's address and how a bad query value is quoted back.</summary>
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

    /// <summary>A caller's value cut to 40 characters for a problem detail.</summary>
    public static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
