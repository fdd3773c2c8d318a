using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus.Tests;

/// <summary>One entity per scenario so that tests sharing a broker never see each other's messages.</summary>
internal static class TestEntities
{
    /// <summary>Short enough to keep the tests quick, long enough that renewal keeps up on a busy 2-core machine.</summary>
    public static readonly TimeSpan ShortLock = TimeSpan.FromSeconds(4);

    public static ServiceBusEntityConfiguration Create()
    {
        var configuration = new ServiceBusEntityConfiguration();
        foreach (var name in (string[])["basic", "large", "receive-delete", "batch", "abandon", "explicit-dlq", "peek", "defer", "schedule", "schedule-cancel", "schedule-on-send", "processor", "processor-retry", "concurrency", "fallback", "throughput"])
        {
            configuration.Queues.Add(new QueueDefinition(name));
        }

        configuration.Queues.Add(new QueueDefinition("max-delivery") { MaxDeliveryCount = 3 });
        configuration.Queues.Add(new QueueDefinition("lock-expiry") { LockDuration = ShortLock });
        configuration.Queues.Add(new QueueDefinition("lock-renew") { LockDuration = ShortLock });
        configuration.Queues.Add(new QueueDefinition("slow-handler") { LockDuration = ShortLock });
        configuration.Queues.Add(new QueueDefinition("fallback-expired") { LockDuration = TimeSpan.FromSeconds(2) });
        configuration.Queues.Add(new QueueDefinition("ttl-dlq") { DeadLetteringOnMessageExpiration = true });
        configuration.Queues.Add(new QueueDefinition("ttl-drop") { DeadLetteringOnMessageExpiration = false });
        configuration.Queues.Add(new QueueDefinition("dedupe") { DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(1) });
        configuration.Queues.Add(new QueueDefinition("dedupe-window") { DuplicateDetectionHistoryTimeWindow = TimeSpan.FromSeconds(1) });
        configuration.Queues.Add(new QueueDefinition("ttl-default") { DeadLetteringOnMessageExpiration = true, DefaultMessageTimeToLive = TimeSpan.FromSeconds(1) });

        var fanOut = new TopicDefinition("fan-out");
        foreach (var name in (string[])["s1", "s2", "s3"])
        {
            fanOut.Subscriptions.Add(new SubscriptionDefinition(name));
        }

        configuration.Topics.Add(fanOut);

        var filtered = new TopicDefinition("filtered");
        filtered.Subscriptions.Add(Filtered("applied", "hr.candidate.applied"));
        filtered.Subscriptions.Add(Filtered("requisitions", "hr.requisition.opened", "hr.requisition.closed"));
        filtered.Subscriptions.Add(new SubscriptionDefinition("everything"));
        configuration.Topics.Add(filtered);
        return configuration;
    }

    static SubscriptionDefinition Filtered(string name, params string[] types)
    {
        var subscription = new SubscriptionDefinition(name);
        foreach (var type in types)
        {
            var filter = new CorrelationRuleFilter();
            filter.Properties["type"] = type;
            subscription.Rules.Add(new SubscriptionRule(type) { Correlation = filter });
        }

        return subscription;
    }
}
