namespace AiFunctions.Events.Handling;

/// <summary>The <c>DeadLetterReason</c> values this service sets. The description says what was wrong and what to do.</summary>
internal static class DeadLetterReasons
{
    public const string MalformedJson = "MalformedJson";
    public const string InvalidCloudEvent = "InvalidCloudEvent";
    public const string UnknownEventType = "UnknownEventType";
    public const string UnsupportedSchemaVersion = "UnsupportedSchemaVersion";
    public const string ValidationFailed = "ValidationFailed";

    /// <summary>Set by the broker when a message was delivered MaxDeliveryCount times without success.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
}
