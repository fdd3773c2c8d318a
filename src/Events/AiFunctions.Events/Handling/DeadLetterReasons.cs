namespace AiFunctions.Events.Handling;

/// <summary>The <c>DeadLetterReason</c> values this service sets. The description says what was wrong and what to do.</summary>
internal static class DeadLetterReasons
{
    public const string MalformedJson = "MalformedJson";
    public const string InvalidCloudEvent = "InvalidCloudEvent";
    public const string UnknownEventType = "UnknownEventType";
    public const string UnsupportedSchemaVersion = "UnsupportedSchemaVersion";
    public const string ValidationFailed = "ValidationFailed";

    /// <summary>An application to a requisition that was closed.</summary>
    public const string RequisitionClosed = "RequisitionClosed";

    /// <summary>A requisition event (e.g. <c>hr.requisition.closed</c>) names a requisition this tenant never opened.</summary>
    public const string RequisitionNotFound = "RequisitionNotFound";

    /// <summary>Set by the broker when a message was delivered MaxDeliveryCount times without success.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
}
