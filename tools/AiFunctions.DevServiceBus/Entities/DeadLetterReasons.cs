namespace AiFunctions.DevServiceBus.Entities;

/// <summary>The dead-letter reasons Service Bus itself writes, and the application property names that carry them.</summary>
internal static class DeadLetterReasons
{
    public const string ReasonProperty = "DeadLetterReason";
    public const string DescriptionProperty = "DeadLetterErrorDescription";
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string TtlExpired = "TTLExpiredException";
}
