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

    /// <summary>The JSON content type every data payload uses.</summary>
    public const string JsonContentType = "application/json";
}
