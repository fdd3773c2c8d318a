namespace AiFunctions.Events.EventGrid;

/// <summary>How the HTTP intake hands events to the handlers.</summary>
public enum IntakeMode
{
    /// <summary>Forward to Service Bus (topic <c>hr-events</c> / queue <c>screening-requests</c>); the processors handle them.</summary>
    ServiceBus,

    /// <summary>Call the handlers in the request.</summary>
    Direct,
}
