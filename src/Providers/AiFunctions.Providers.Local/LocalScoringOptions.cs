using System.Globalization;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;

namespace AiFunctions.Providers.Local;

/// <summary>Settings of the Local resume scorer.</summary>
public sealed class LocalScoringOptions
{
    /// <summary>
    /// The date "Present"/"Current" in a resume's date ranges stands for. Fix it to make scores reproducible across
    /// days; when null the scorer uses today's date (UTC) from <see cref="TimeProvider"/>.
    /// </summary>
    public DateOnly? PresentDate { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal DateOnly Today => PresentDate ?? DateOnly.FromDateTime(TimeProvider.GetUtcNow().UtcDateTime);

    internal static LocalScoringOptions From(ProviderInstanceContext context)
    {
        var raw = context.GetSetting("PresentDate");
        if (raw is null)
        {
            return new LocalScoringOptions();
        }

        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new LocalScoringOptions { PresentDate = date }
            : throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin '{context.Manifest.Id}'): setting '{context.Path("PresentDate")}' is '{raw}', which is not a date in the form yyyy-MM-dd (e.g. 2026-11-27). Fix it or remove it to use today's date.");
    }
}
