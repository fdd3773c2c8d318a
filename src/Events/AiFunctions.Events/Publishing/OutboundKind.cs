namespace AiFunctions.Events.Publishing;

/// <summary>Where outbound events go (<c>AiFunctions:Events:Outbound:Kind</c>).</summary>
internal enum OutboundKind
{
    /// <summary>Logged (type and id), not published.</summary>
    None,

    /// <summary>An Event Grid topic, CloudEvents schema (Azure).</summary>
    EventGrid,

    /// <summary>A Service Bus topic (default <c>ai-events</c>; the dev broker where no Event Grid exists).</summary>
    ServiceBus,
}
