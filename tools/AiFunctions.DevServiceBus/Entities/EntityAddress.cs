namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// Service Bus entity paths as the client writes them in link addresses: <c>/q1</c>, <c>/q1/$DeadLetterQueue</c>,
/// <c>/t1/Subscriptions/s1</c>, <c>q1/$management</c>, <c>$cbs</c> (absolute <c>amqp://host/...</c> forms too).
/// </summary>
internal static class EntityAddress
{
    public const string DeadLetterSegment = "$DeadLetterQueue";
    public const string ManagementSegment = "$management";
    public const string CbsNode = "$cbs";
    const string SubscriptionsSegment = "Subscriptions";

    public static string DeadLetterPath(string entityPath) => $"{entityPath}/{DeadLetterSegment}";

    public static string SubscriptionPath(string topic, string subscription) => $"{topic}/{SubscriptionsSegment}/{subscription}";

    /// <summary>The path without scheme, host or leading slash.</summary>
    public static string Normalize(string address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            address = Uri.UnescapeDataString(uri.AbsolutePath);
        }

        return address.Trim('/');
    }

    /// <summary>True when the path ends with /$management; <paramref name="entityPath"/> is the part before it.</summary>
    public static bool IsManagement(string path, out string entityPath)
    {
        var suffix = "/" + ManagementSegment;
        if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            entityPath = path[..^suffix.Length];
            return true;
        }

        entityPath = path;
        return false;
    }

    /// <summary>Splits a path into entity name, optional subscription name and whether it names the dead-letter subqueue.</summary>
    public static bool TryParse(string path, out string entity, out string? subscription, out bool deadLetter)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        entity = segments.Length > 0 ? segments[0] : string.Empty;
        subscription = null;
        deadLetter = false;
        var rest = segments.AsSpan(Math.Min(1, segments.Length));
        if (rest.Length >= 2 && string.Equals(rest[0], SubscriptionsSegment, StringComparison.OrdinalIgnoreCase))
        {
            subscription = rest[1];
            rest = rest[2..];
        }

        if (rest.Length == 1 && string.Equals(rest[0], DeadLetterSegment, StringComparison.OrdinalIgnoreCase))
        {
            deadLetter = true;
            rest = rest[1..];
        }

        return entity.Length > 0 && rest.Length == 0;
    }
}
