using AiFunctions.ServiceBus.Configuration;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handlers;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// The processors and routes derived from the entity configuration (Config.json): the queue of screening requests, and
/// one processor per <c>hr-events</c> subscription whose correlation filters name the event types (<c>type</c>) it
/// gets. The HTTP intake uses the same map to send each event type where its handler listens.
/// </summary>
public sealed class EventEntityMap
{
    public EventEntityMap(ServiceBusEntityConfiguration entities, ServiceBusEventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(options);
        var bindings = new List<ProcessorBinding>();
        var queue = entities.Queues.FirstOrDefault(q => q.Name == options.ScreeningRequestsQueue)
            ?? throw new InvalidOperationException($"The entity configuration has no queue '{options.ScreeningRequestsQueue}' (AiFunctions:Events:ServiceBus:ScreeningRequestsQueue). Add it to {options.EntityConfigurationPath} or fix the setting.");
        bindings.Add(new ProcessorBinding(queue.Name, null, [HrEventTypes.ScreeningRequested], queue.LockDuration, queue.MaxDeliveryCount));

        var topic = entities.Topics.FirstOrDefault(t => t.Name == options.HrEventsTopic)
            ?? throw new InvalidOperationException($"The entity configuration has no topic '{options.HrEventsTopic}' (AiFunctions:Events:ServiceBus:HrEventsTopic). Add it to {options.EntityConfigurationPath} or fix the setting.");
        foreach (var subscription in topic.Subscriptions)
        {
            var types = subscription.Rules
                .Select(r => r.Correlation?.Properties.TryGetValue(CloudEventMessages.TypeProperty, out var t) == true ? t : null)
                .OfType<string>()
                .ToArray();
            if (types.Length > 0)
            {
                bindings.Add(new ProcessorBinding(topic.Name, subscription.Name, types, subscription.LockDuration, subscription.MaxDeliveryCount));
            }
        }

        Bindings = bindings;
        var missing = EventSchemas.Inbound.Select(s => s.Type).Where(t => !bindings.Any(b => b.EventTypes.Contains(t))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"No queue or '{topic.Name}' subscription receives {string.Join(", ", missing)}: add a subscription with a correlation filter on application property '{CloudEventMessages.TypeProperty}' to {options.EntityConfigurationPath}.");
        }

        Queue = queue.Name;
        Topic = topic.Name;
    }

    public IReadOnlyList<ProcessorBinding> Bindings { get; }

    public string Queue { get; }

    public string Topic { get; }

    /// <summary>Where an inbound event of <paramref name="eventType"/> is sent: the screening queue or the HR events topic.</summary>
    public string EntityFor(string eventType) => eventType == HrEventTypes.ScreeningRequested ? Queue : Topic;

    /// <summary>Finds a binding by its path ("queue" or "topic/Subscriptions/name"; also "topic/name").</summary>
    public ProcessorBinding? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normalized = path.Replace("/subscriptions/", "/Subscriptions/", StringComparison.OrdinalIgnoreCase);
        return Bindings.FirstOrDefault(b => b.Path == normalized || (b.SubscriptionName is not null && $"{b.EntityName}/{b.SubscriptionName}" == normalized));
    }

    /// <summary>Loads the entity file, resolving a relative path from the working directory and the app directory upwards.</summary>
    public static ServiceBusEntityConfiguration LoadEntities(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return ServiceBusEntityConfiguration.Load(path);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, path);
                if (File.Exists(candidate))
                {
                    return ServiceBusEntityConfiguration.Load(candidate);
                }
            }
        }

        return ServiceBusEntityConfiguration.Load(path);
    }
}
