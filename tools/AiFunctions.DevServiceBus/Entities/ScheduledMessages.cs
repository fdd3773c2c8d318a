namespace AiFunctions.DevServiceBus.Entities;

/// <summary>Messages of a queue or topic that wait for their scheduled enqueue time.</summary>
internal sealed class ScheduledMessages
{
    readonly object gate = new();
    readonly SortedDictionary<long, BrokerMessage> waiting = new();

    public void Add(BrokerMessage message)
    {
        message.State = MessageState.Scheduled;
        lock (gate)
        {
            waiting[message.SequenceNumber] = message;
        }
    }

    public bool Cancel(long sequenceNumber)
    {
        lock (gate)
        {
            return waiting.Remove(sequenceNumber);
        }
    }

    public IReadOnlyList<BrokerMessage> TakeDue(DateTime nowUtc)
    {
        lock (gate)
        {
            var due = waiting.Values.Where(message => message.EnqueuedTimeUtc <= nowUtc).ToList();
            foreach (var message in due)
            {
                waiting.Remove(message.SequenceNumber);
            }

            return due;
        }
    }

    public IReadOnlyList<BrokerMessage> PeekFrom(long fromSequenceNumber, int count)
    {
        lock (gate)
        {
            return waiting.Where(pair => pair.Key >= fromSequenceNumber).Take(count).Select(pair => pair.Value).ToList();
        }
    }
}
