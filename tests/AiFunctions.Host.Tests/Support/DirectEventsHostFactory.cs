namespace AiFunctions.Host.Tests.Support;

/// <summary>The in-memory host with the webhook on (shared key) handling events in the request (no Service Bus here).</summary>
public sealed class DirectEventsHostFactory : InMemoryHostFactory
{
    public const string EventsKey = "events-key-0123456789";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AiFunctions:Events:Intake:SharedKey"] = EventsKey,
        ["AiFunctions:Events:Intake:Mode"] = "Direct",
    };
}
