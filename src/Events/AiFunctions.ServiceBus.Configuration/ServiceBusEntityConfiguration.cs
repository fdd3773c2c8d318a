using System.Text.Json;
using System.Xml;

namespace AiFunctions.ServiceBus.Configuration;

/// <summary>
/// The entities the dev broker serves, read from the official Service Bus emulator's Config.json format
/// (<c>{"UserConfig":{"Namespaces":[{"Name":..,"Queues":[..],"Topics":[..]}]}}</c>), so one file describes the
/// emulator, the dev broker and the Azure deployment. Durations are ISO-8601 (<c>PT1M</c>).
/// </summary>
public sealed class ServiceBusEntityConfiguration
{
    /// <summary>The queues.</summary>
    public IList<QueueDefinition> Queues { get; } = new List<QueueDefinition>();

    /// <summary>The topics with their subscriptions.</summary>
    public IList<TopicDefinition> Topics { get; } = new List<TopicDefinition>();

    /// <summary>Reads an emulator Config.json file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The entities it describes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not valid or uses a feature the dev broker does not support.</exception>
    public static ServiceBusEntityConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Service Bus entity configuration '{Path.GetFullPath(path)}' does not exist. Pass the path of an emulator Config.json (the repository keeps one at infra/servicebus/Config.json).",
                path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of an emulator Config.json.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text used in error messages.</param>
    /// <returns>The entities it describes.</returns>
    /// <exception cref="FormatException">The text is not valid or uses a feature the dev broker does not support.</exception>
    public static ServiceBusEntityConfiguration Parse(string json, string source = "Config.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source} is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var configuration = new ServiceBusEntityConfiguration();
            if (!document.RootElement.TryGetProperty("UserConfig", out var userConfig) ||
                !userConfig.TryGetProperty("Namespaces", out var namespaces) || namespaces.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{source} has no UserConfig.Namespaces array; it must follow the Service Bus emulator's Config.json format.");
            }

            foreach (var ns in namespaces.EnumerateArray())
            {
                foreach (var queue in Array(ns, "Queues"))
                {
                    var definition = new QueueDefinition(RequiredName(queue, source, "queue"));
                    ReadEntitySettings(definition, queue, $"{source}: queue '{definition.Name}'");
                    definition.DuplicateDetectionHistoryTimeWindow = DuplicateDetectionWindow(queue, $"{source}: queue '{definition.Name}'");
                    configuration.Queues.Add(definition);
                }

                foreach (var topic in Array(ns, "Topics"))
                {
                    var topicDefinition = new TopicDefinition(RequiredName(topic, source, "topic"));
                    topicDefinition.DuplicateDetectionHistoryTimeWindow = DuplicateDetectionWindow(topic, $"{source}: topic '{topicDefinition.Name}'");
                    foreach (var subscription in Array(topic, "Subscriptions"))
                    {
                        var definition = new SubscriptionDefinition(RequiredName(subscription, source, $"subscription of topic '{topicDefinition.Name}'"));
                        var where = $"{source}: subscription '{topicDefinition.Name}/{definition.Name}'";
                        ReadEntitySettings(definition, subscription, where);
                        foreach (var rule in Array(subscription, "Rules"))
                        {
                            definition.Rules.Add(ReadRule(rule, where));
                        }

                        topicDefinition.Subscriptions.Add(definition);
                    }

                    configuration.Topics.Add(topicDefinition);
                }
            }

            return configuration;
        }
    }

    static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    static string RequiredName(JsonElement element, string source, string what) =>
        element.TryGetProperty("Name", out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString())
            ? name.GetString()!
            : throw new FormatException($"{source}: a {what} has no Name.");

    static void ReadEntitySettings(MessageEntityDefinition definition, JsonElement entity, string where)
    {
        if (!entity.TryGetProperty("Properties", out var properties))
        {
            return;
        }

        if (Duration(properties, "LockDuration", where) is { } lockDuration)
        {
            definition.LockDuration = lockDuration;
        }

        if (Duration(properties, "DefaultMessageTimeToLive", where) is { } ttl)
        {
            definition.DefaultMessageTimeToLive = ttl;
        }

        if (properties.TryGetProperty("MaxDeliveryCount", out var maxDelivery))
        {
            definition.MaxDeliveryCount = maxDelivery.TryGetInt32(out var count) && count > 0
                ? count
                : throw new FormatException($"{where}: MaxDeliveryCount must be a positive integer.");
        }

        if (properties.TryGetProperty("DeadLetteringOnMessageExpiration", out var deadLettering))
        {
            definition.DeadLetteringOnMessageExpiration = deadLettering.ValueKind == JsonValueKind.True;
        }

        if (properties.TryGetProperty("RequiresSession", out var sessions) && sessions.ValueKind == JsonValueKind.True)
        {
            throw new FormatException($"{where}: RequiresSession is true, but the dev broker does not support sessions. Set it to false or use the Service Bus emulator / Azure Service Bus.");
        }

        foreach (var forward in (string[])["ForwardTo", "ForwardDeadLetteredMessagesTo"])
        {
            if (properties.TryGetProperty(forward, out var target) && target.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(target.GetString()))
            {
                throw new FormatException($"{where}: {forward} is set, but the dev broker does not support auto-forwarding. Leave it empty.");
            }
        }
    }

    static TimeSpan? DuplicateDetectionWindow(JsonElement entity, string where) =>
        entity.TryGetProperty("Properties", out var properties) &&
        properties.TryGetProperty("RequiresDuplicateDetection", out var required) && required.ValueKind == JsonValueKind.True
            ? Duration(properties, "DuplicateDetectionHistoryTimeWindow", where) ?? TimeSpan.FromMinutes(10)
            : null;

    static TimeSpan? Duration(JsonElement properties, string name, string where)
    {
        if (!properties.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(value.GetString()!);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{where}: {name} '{value.GetString()}' is not an ISO-8601 duration such as PT1M.", ex);
        }
    }

    static SubscriptionRule ReadRule(JsonElement rule, string where)
    {
        var name = RequiredName(rule, where, "rule");
        var result = new SubscriptionRule(name);
        if (!rule.TryGetProperty("Properties", out var properties))
        {
            return result;
        }

        var filterType = properties.TryGetProperty("FilterType", out var type) ? type.GetString() : "Correlation";
        if (string.Equals(filterType, "Sql", StringComparison.OrdinalIgnoreCase))
        {
            var expression = properties.TryGetProperty("SqlFilter", out var sql) && sql.TryGetProperty("SqlExpression", out var text)
                ? text.GetString()?.Replace(" ", string.Empty, StringComparison.Ordinal)
                : null;
            result.ConstantResult = expression switch
            {
                "1=1" => true,
                "1=0" => false,
                _ => throw new FormatException($"{where}: rule '{name}' uses a SQL filter; the dev broker evaluates only correlation filters and the constant SQL filters 1=1 and 1=0."),
            };
            return result;
        }

        if (!properties.TryGetProperty("CorrelationFilter", out var correlation))
        {
            throw new FormatException($"{where}: rule '{name}' has FilterType Correlation but no CorrelationFilter.");
        }

        var filter = new CorrelationRuleFilter
        {
            CorrelationId = Text(correlation, "CorrelationId"),
            MessageId = Text(correlation, "MessageId"),
            Label = Text(correlation, "Label"),
            To = Text(correlation, "To"),
            ReplyTo = Text(correlation, "ReplyTo"),
            ReplyToSessionId = Text(correlation, "ReplyToSessionId"),
            SessionId = Text(correlation, "SessionId"),
            ContentType = Text(correlation, "ContentType"),
        };
        if (correlation.TryGetProperty("Properties", out var applicationProperties) && applicationProperties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in applicationProperties.EnumerateObject())
            {
                filter.Properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        result.Correlation = filter;
        return result;
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()
            : null;
}
