using AiFunctions.Events.Contracts;
using AiFunctions.HrFunctions.Screening;
using Azure.Messaging;

namespace AiFunctions.Events.Tests.Support;

/// <summary>Valid inbound events (and their JSON) for the tests.</summary>
internal static class TestEvents
{
    public const string Source = "/tests/ats";

    public static RequisitionOpenedV1 Requisition(string id) => new()
    {
        RequisitionId = id,
        Title = "Data engineer",
        JobDescription = "Build data pipelines in Python and SQL.",
        Criteria = [new CriterionV1("python", "Python", CriterionKind.MustHave), new CriterionV1("sql", "SQL", CriterionKind.NiceToHave, 2)],
        OpenedAt = DateTimeOffset.Parse("2026-11-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static CandidateAppliedV1 Application(string requisitionId, string candidateId) => new()
    {
        ApplicationId = "app-" + candidateId,
        RequisitionId = requisitionId,
        CandidateId = candidateId,
        DisplayName = "Alex Example",
        ResumeText = "Alex Example. Five years of Python and SQL pipelines.",
        AppliedAt = DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static EmployeeHiredV1 Hire(string requisitionId, string candidateId) => new()
    {
        EmployeeId = "emp-" + candidateId,
        CandidateId = candidateId,
        RequisitionId = requisitionId,
        StartDate = new DateOnly(2027, 1, 4),
        HiredAt = DateTimeOffset.Parse("2026-11-20T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static CloudEvent Create(string type, object data, string? id = null, string? correlationId = null, int? version = null)
    {
        var cloudEvent = new CloudEvent(Source, type, data) { Id = id ?? Guid.NewGuid().ToString("N") };
        if (version is { } v)
        {
            cloudEvent.DataSchema = EventSchema.UriFor(type, v).ToString();
        }

        if (correlationId is not null)
        {
            cloudEvent.ExtensionAttributes[CloudEventAttributes.CorrelationId] = correlationId;
        }

        return cloudEvent;
    }

    public static BinaryData Json(CloudEvent cloudEvent) => BinaryData.FromObjectAsJson(cloudEvent);
}
