using System.Text.Json;

namespace AiFunctions.Workflows.Events;

/// <summary>
/// An outbound domain event of a workflow. <see cref="Id"/> is deterministic (derived from the instance and the step),
/// so an activity that runs twice publishes the same id and consumers drop the duplicate. <see cref="Data"/> carries
/// ids, counts and statuses only, never names or resume text.
/// </summary>
/// <param name="Id">Deterministic event id, e.g. "screening-b1/review-required/0".</param>
/// <param name="Type">One of <see cref="WorkflowEventTypes"/>.</param>
/// <param name="Subject">What it is about, e.g. "screening/b1" or "jobdescriptions/jd-7".</param>
/// <param name="Time">Orchestration time of the step.</param>
/// <param name="Tenant">Tenant of the workflow.</param>
/// <param name="CorrelationId">The workflow input's correlation id (or the instance id when none was given).</param>
/// <param name="Data">The event's data (one of the *EventData records in this namespace), as JSON.</param>
/// <param name="DataVersion">Schema version of <see cref="Data"/>.</param>
public sealed record WorkflowEvent(
    string Id,
    string Type,
    string Subject,
    DateTimeOffset Time,
    string Tenant,
    string CorrelationId,
    JsonElement Data,
    string DataVersion = "1.0")
{
    // camelCase and enums as names: the casing docs/events.md documents for every outbound event.
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Builds an event with <paramref name="data"/> serialised as camelCase JSON, enums as their names.</summary>
    public static WorkflowEvent Create<TData>(string id, string type, string subject, DateTimeOffset time, string tenant, string correlationId, TData data) =>
        new(id, type, subject, time, tenant, correlationId, JsonSerializer.SerializeToElement(data, Web));

    /// <summary>Reads <see cref="Data"/> back as <typeparamref name="TData"/>.</summary>
    public TData? DataAs<TData>() => Data.Deserialize<TData>(Web);
}
