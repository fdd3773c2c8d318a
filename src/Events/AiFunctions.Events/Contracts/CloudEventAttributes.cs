namespace AiFunctions.Events.Contracts;

/// <summary>
/// CloudEvents extension attributes this service reads and writes. Names follow the CloudEvents rule for
/// extension attributes: lower-case letters and digits only.
/// </summary>
internal static class CloudEventAttributes
{
    /// <summary>Correlation id carried end to end: inbound event → AI call context → orchestration → outbound events.</summary>
    public const string CorrelationId = "correlationid";

    /// <summary>Tenant the event belongs to (optional; "default" when absent).</summary>
    public const string TenantId = "tenantid";

    /// <summary>The tenant of an event without a <see cref="TenantId"/> extension.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The JSON content type every data payload uses.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>The extension attribute <paramref name="name"/> as text, or null when absent or empty.</summary>
    public static string? Read(Azure.Messaging.CloudEvent cloudEvent, string name) =>
        cloudEvent.ExtensionAttributes.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>The tenant <paramref name="cloudEvent"/> names in its <see cref="TenantId"/> extension, or <see cref="DefaultTenant"/>.</summary>
    public static string TenantOf(Azure.Messaging.CloudEvent cloudEvent) => Read(cloudEvent, TenantId) ?? DefaultTenant;
}
