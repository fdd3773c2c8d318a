using Microsoft.JSInterop;

namespace AiFunctions.Console.Time;

/// <summary>
/// The viewer's time zone, read once per circuit from the browser (<c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>
/// through JS interop, an IANA id) so every time is shown in the viewer's zone. UTC until the browser has answered, or when
/// it names a zone this server does not know.
/// </summary>
public sealed class ViewerTimeZone
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool IsKnown { get; private set; }

    /// <summary>The zone's name as the browser gave it (e.g. Asia/Kolkata), or UTC.</summary>
    public string Name { get; private set; } = "UTC";

    /// <summary>Raised once the browser's zone is known.</summary>
    public event Action? Changed;

    public async Task InitializeAsync(IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(js);
        if (IsKnown)
        {
            return;
        }

        var id = await js.InvokeAsync<string?>("aiConsole.timeZone").ConfigureAwait(false);
        Set(id);
    }

    /// <summary>Uses the zone <paramref name="ianaId"/> (UTC when null or unknown).</summary>
    public void Set(string? ianaId)
    {
        TimeZoneInfo? zone = null;
        var known = !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out zone);
        Zone = known ? zone! : TimeZoneInfo.Utc;
        Name = known ? ianaId! : "UTC";
        IsKnown = true;
        Changed?.Invoke();
    }

    /// <summary><paramref name="value"/> in the viewer's zone.</summary>
    public DateTimeOffset ToViewer(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);
}
