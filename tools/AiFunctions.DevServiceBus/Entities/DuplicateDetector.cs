namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// RequiresDuplicateDetection: a message whose MessageId was already accepted within the history window is
/// acknowledged to the sender and dropped, as Service Bus does.
/// </summary>
internal sealed class DuplicateDetector(TimeSpan historyWindow)
{
    readonly object gate = new();
    readonly Dictionary<string, DateTime> seen = new(StringComparer.Ordinal);
    readonly Queue<(string MessageId, DateTime AcceptedAt)> order = new();

    public bool IsDuplicate(string? messageId, DateTime nowUtc)
    {
        if (messageId is null)
        {
            return false;
        }

        lock (gate)
        {
            while (order.TryPeek(out var oldest) && oldest.AcceptedAt + historyWindow <= nowUtc)
            {
                order.Dequeue();
                if (seen.TryGetValue(oldest.MessageId, out var acceptedAt) && acceptedAt == oldest.AcceptedAt)
                {
                    seen.Remove(oldest.MessageId);
                }
            }

            if (seen.ContainsKey(messageId))
            {
                return true;
            }

            seen[messageId] = nowUtc;
            order.Enqueue((messageId, nowUtc));
            return false;
        }
    }
}
