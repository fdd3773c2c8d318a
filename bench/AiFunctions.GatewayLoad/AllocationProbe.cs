using System.Globalization;

namespace AiFunctions.GatewayLoad;

/// <summary>
/// <c>GET /bench/allocated</c> on each server process of the harness: the bytes the process has allocated so far
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), read before and after a cell to give the bytes allocated per
/// request, a figure the machine's load does not change.
/// </summary>
internal static class AllocationProbe
{
    public const string Path = "/bench/allocated";

    public static string Read() => GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture);

    public static async Task<long?> ReadAsync(HttpClient http, Uri server)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(server, Path)).ConfigureAwait(false);
            return long.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
