namespace AiFunctions.Events.Publishing;

/// <summary>Outbound events (<c>AiFunctions:Events:Outbound</c>).</summary>
internal sealed class OutboundEventOptions
{
    public const string SectionName = "AiFunctions:Events:Outbound";

    public OutboundKind Kind { get; set; } = OutboundKind.None;

    /// <summary>CloudEvents <c>source</c> of everything we publish.</summary>
    public string Source { get; set; } = "/aifunctions";

    /// <summary>EventGrid: the topic endpoint, e.g. https://{topic}.{region}-1.eventgrid.azure.net/api/events.</summary>
    public Uri? TopicEndpoint { get; set; }

    /// <summary>EventGrid: the topic access key; when empty, managed identity (DefaultAzureCredential) is used.</summary>
    public string? TopicKey { get; set; }

    /// <summary>ServiceBus: the topic (or queue) the events are sent to. Default <c>ai-events</c>.</summary>
    public string ServiceBusEntity { get; set; } = "ai-events";
}
