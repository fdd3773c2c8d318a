using System.Globalization;
using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// How the dev broker evaluates a subscription rule of the entity configuration against a message: a correlation
/// filter matches when every value it sets equals the message's (application properties by their invariant text,
/// system properties ordinally); a constant filter (<c>1=1</c>, <c>1=0</c>) is its <see cref="SubscriptionRule.ConstantResult"/>.
/// </summary>
internal static class RuleMatching
{
    public static bool Matches(this SubscriptionRule rule, MessageFacts message) =>
        rule.Correlation?.Matches(message) ?? rule.ConstantResult;

    public static bool Matches(this CorrelationRuleFilter filter, MessageFacts message)
    {
        if (!Same(filter.CorrelationId, message.CorrelationId) || !Same(filter.MessageId, message.MessageId) ||
            !Same(filter.Label, message.Subject) || !Same(filter.To, message.To) || !Same(filter.ReplyTo, message.ReplyTo) ||
            !Same(filter.ReplyToSessionId, message.ReplyToSessionId) || !Same(filter.SessionId, message.SessionId) ||
            !Same(filter.ContentType, message.ContentType))
        {
            return false;
        }

        foreach (var (key, expected) in filter.Properties)
        {
            if (!message.ApplicationProperties.TryGetValue(key, out var actual) || actual is null ||
                !string.Equals(Convert.ToString(actual, CultureInfo.InvariantCulture), expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(string? expected, string? actual) =>
        expected is null || string.Equals(expected, actual, StringComparison.Ordinal);
}
