using System.Globalization;
using AiFunctions.Workflows.Events;

namespace AiFunctions.Events.Contracts;

/// <summary>
/// Every event type and data version this service understands (inbound) or produces (outbound). The version of an
/// inbound event is read from its <c>dataschema</c> attribute (<c>…/{type}/v{n}.json</c>); an event without
/// <c>dataschema</c> is taken as version 1.
/// </summary>
internal static class EventSchemas
{
    public static IReadOnlyList<EventSchema> Inbound { get; } =
    [
        new(HrEventTypes.CandidateApplied, 1, typeof(CandidateAppliedV1)),
        new(HrEventTypes.RequisitionOpened, 1, typeof(RequisitionOpenedV1)),
        new(HrEventTypes.RequisitionClosed, 1, typeof(RequisitionClosedV1)),
        new(HrEventTypes.ScreeningRequested, 1, typeof(ScreeningRequestedV1)),
        new(HrEventTypes.EmployeeHired, 1, typeof(EmployeeHiredV1)),
    ];

    public static IReadOnlyList<EventSchema> Outbound { get; } =
    [
        new(AiEventTypes.ScreeningReviewRequired, 1, typeof(ScreeningReviewEventData)),
        new(AiEventTypes.ScreeningReviewEscalated, 1, typeof(ScreeningReviewEventData)),
        new(AiEventTypes.ScreeningCompleted, 1, typeof(ScreeningCompletedEventData)),
        new(AiEventTypes.ScreeningExpired, 1, typeof(ScreeningCompletedEventData)),
        new(AiEventTypes.JobDescriptionReviewRequired, 1, typeof(JobDescriptionEventData)),
        new(AiEventTypes.JobDescriptionApproved, 1, typeof(JobDescriptionEventData)),
        new(AiEventTypes.JobDescriptionExpired, 1, typeof(JobDescriptionEventData)),
        new(AiEventTypes.JobDescriptionRevisionLimitReached, 1, typeof(JobDescriptionEventData)),
        new(AiEventTypes.ProviderCircuitOpened, 1, typeof(ProviderCircuitOpenedV1)),
    ];

    /// <summary>The outbound schema for a type (its latest version).</summary>
    public static EventSchema OutboundFor(string type) =>
        Outbound.Where(s => s.Type == type).MaxBy(s => s.Version)
        ?? throw new ArgumentException($"'{type}' is not an outbound event type this service publishes.", nameof(type));

    /// <summary>
    /// Reads the data version from a <c>dataschema</c> URI. Returns false when the URI is not one of ours for
    /// <paramref name="type"/> (so it cannot be understood).
    /// </summary>
    public static bool TryReadVersion(string type, string? dataSchema, out int version)
    {
        version = 1;
        if (string.IsNullOrEmpty(dataSchema))
        {
            return true;
        }

        var prefix = EventSchema.BaseUri + type + "/v";
        if (!dataSchema.StartsWith(prefix, StringComparison.Ordinal) || !dataSchema.EndsWith(".json", StringComparison.Ordinal))
        {
            return false;
        }

        var number = dataSchema.AsSpan(prefix.Length, dataSchema.Length - prefix.Length - ".json".Length);
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
    }
}
