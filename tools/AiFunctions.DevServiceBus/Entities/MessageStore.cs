using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// The messages of one queue, subscription or dead-letter subqueue: ordering by sequence number, peek-lock state,
/// delivery counts, deferral, expiry and hand-out to the attached receivers according to their credit.
/// All state is guarded by one lock; deliveries and dead-letter moves are carried out after it is released.
/// </summary>
internal sealed class MessageStore
{
    readonly object gate = new();
    readonly SortedDictionary<long, BrokerMessage> messages = new();
    readonly SortedSet<long> available = new();
    readonly Dictionary<Guid, BrokerMessage> locks = new();
    readonly List<IMessageConsumer> consumers = new();
    readonly LockRegistry lockRegistry;
    readonly TimeProvider time;
    int nextConsumer;

    public MessageStore(string path, MessageEntityDefinition settings, LockRegistry lockRegistry, TimeProvider time, MessageStore? deadLetterQueue)
    {
        Path = path;
        Settings = settings;
        this.lockRegistry = lockRegistry;
        this.time = time;
        DeadLetterQueue = deadLetterQueue;
    }

    /// <summary>The entity path, e.g. <c>q1</c>, <c>t1/Subscriptions/s1</c> or <c>q1/$DeadLetterQueue</c>.</summary>
    public string Path { get; }

    public MessageEntityDefinition Settings { get; }

    /// <summary>The dead-letter subqueue; null when this store is itself one.</summary>
    public MessageStore? DeadLetterQueue { get; }

    /// <summary>Messages scheduled for this store's queue, shown by peek as Service Bus does.</summary>
    public ScheduledMessages? Scheduled { get; init; }

    DateTime Now => time.GetUtcNow().UtcDateTime;

    public void AddConsumer(IMessageConsumer consumer)
    {
        lock (gate)
        {
            consumers.Add(consumer);
        }
    }

    public void RemoveConsumer(IMessageConsumer consumer)
    {
        lock (gate)
        {
            consumers.Remove(consumer);
            consumer.Credit = 0;
        }
    }

    public void Enqueue(BrokerMessage message)
    {
        lock (gate)
        {
            message.State = MessageState.Active;
            message.ExpiresAtUtc = DeadLetterQueue is null ? DateTime.MaxValue : ExpiryOf(message);
            messages[message.SequenceNumber] = message;
            available.Add(message.SequenceNumber);
        }

        Dispatch();
    }

    /// <summary>The receiver granted more credit (and may ask to drain: use it now or lose it).</summary>
    public void OnCredit(IMessageConsumer consumer, uint added, bool drain)
    {
        var outbox = new Outbox();
        lock (gate)
        {
            consumer.Credit = added > uint.MaxValue - consumer.Credit ? uint.MaxValue : consumer.Credit + added;
            var now = Now;
            while (consumer.Credit > 0 && TryTake(consumer, now, ref outbox))
            {
            }

            if (drain)
            {
                consumer.Credit = 0;
            }
        }

        Flush(outbox);
    }

    public bool Complete(Guid lockToken)
    {
        lock (gate)
        {
            if (!TryGetLiveLock(lockToken, out var message))
            {
                return false;
            }

            Unlock(message);
            messages.Remove(message.SequenceNumber);
            return true;
        }
    }

    public bool Abandon(Guid lockToken, IEnumerable<KeyValuePair<string, object>>? propertiesToModify) =>
        Settle(lockToken, (store, message, outbox) =>
        {
            message.SetProperties(propertiesToModify);
            store.ReturnToQueue(message, ref outbox);
            return outbox;
        });

    public bool Defer(Guid lockToken, IEnumerable<KeyValuePair<string, object>>? propertiesToModify) =>
        Settle(lockToken, (_, message, outbox) =>
        {
            message.SetProperties(propertiesToModify);
            message.State = MessageState.Deferred;
            return outbox;
        });

    public bool DeadLetter(Guid lockToken, string? reason, string? description, IEnumerable<KeyValuePair<string, object>>? propertiesToModify) =>
        Settle(lockToken, (store, message, outbox) =>
        {
            message.SetProperties(propertiesToModify);
            store.MoveToDeadLetter(message, reason, description, ref outbox);
            return outbox;
        });

    public bool TryRenewLock(Guid lockToken, out DateTime lockedUntilUtc)
    {
        lock (gate)
        {
            if (!TryGetLiveLock(lockToken, out var message))
            {
                lockedUntilUtc = default;
                return false;
            }

            message.LockedUntilUtc = Now + Settings.LockDuration;
            lockedUntilUtc = message.LockedUntilUtc;
            return true;
        }
    }

    /// <summary>Messages from <paramref name="fromSequenceNumber"/> on, in sequence order, without locking them.</summary>
    public IReadOnlyList<DeliverySnapshot> Peek(long fromSequenceNumber, int count)
    {
        lock (gate)
        {
            var held = messages.Where(pair => pair.Key >= fromSequenceNumber).Take(count).Select(pair => pair.Value);
            var scheduled = Scheduled?.PeekFrom(fromSequenceNumber, count) ?? [];
            return held.Concat(scheduled)
                .OrderBy(message => message.SequenceNumber)
                .Take(count)
                .Select(message => message.Snapshot(message.DeliveryCount))
                .ToList();
        }
    }

    /// <summary>
    /// Receives deferred messages by sequence number: locked (peek-lock) or removed (receive-and-delete).
    /// Returns null, changing nothing, when any of them is not a deferred message of this store.
    /// </summary>
    public IReadOnlyList<DeliverySnapshot>? ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, bool removeOnReceive)
    {
        lock (gate)
        {
            var found = new List<BrokerMessage>(sequenceNumbers.Count);
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (!messages.TryGetValue(sequenceNumber, out var message) || message.State != MessageState.Deferred || message.IsLocked)
                {
                    return null;
                }

                found.Add(message);
            }

            var now = Now;
            var result = new List<DeliverySnapshot>(found.Count);
            foreach (var message in found)
            {
                var earlierAttempts = message.DeliveryCount++;
                if (removeOnReceive)
                {
                    messages.Remove(message.SequenceNumber);
                }
                else
                {
                    Lock(message, now);
                }

                result.Add(message.Snapshot(earlierAttempts));
            }

            return result;
        }
    }

    /// <summary>Returns messages whose lock ran out to the queue (or to the dead-letter subqueue after the last attempt).</summary>
    public void ExpireLocks()
    {
        var outbox = new Outbox();
        lock (gate)
        {
            var now = Now;
            var expired = locks.Values.Where(message => message.LockedUntilUtc <= now).ToList();
            if (expired.Count == 0)
            {
                return;
            }

            foreach (var message in expired)
            {
                Unlock(message);
                ReturnToQueue(message, ref outbox);
            }
        }

        Flush(outbox);
        Dispatch();
    }

    /// <summary>Drops or dead-letters (per DeadLetteringOnMessageExpiration) unlocked messages whose time to live has passed.</summary>
    public void ExpireMessages()
    {
        var outbox = new Outbox();
        lock (gate)
        {
            var now = Now;
            foreach (var message in messages.Values.Where(message => !message.IsLocked && message.ExpiresAtUtc <= now).ToList())
            {
                Expire(message, ref outbox);
            }
        }

        Flush(outbox);
    }

    bool Settle(Guid lockToken, Func<MessageStore, BrokerMessage, Outbox, Outbox> action)
    {
        Outbox outbox;
        lock (gate)
        {
            if (!TryGetLiveLock(lockToken, out var message))
            {
                return false;
            }

            Unlock(message);
            outbox = action(this, message, new Outbox());
        }

        Flush(outbox);
        Dispatch();
        return true;
    }

    void Dispatch()
    {
        var outbox = new Outbox();
        lock (gate)
        {
            var now = Now;
            var progress = true;
            while (progress && available.Count > 0 && consumers.Count > 0)
            {
                progress = false;
                for (var i = 0; i < consumers.Count && available.Count > 0; i++)
                {
                    var consumer = consumers[(nextConsumer + i) % consumers.Count];
                    if (consumer.Credit > 0 && TryTake(consumer, now, ref outbox))
                    {
                        progress = true;
                    }
                }

                nextConsumer = (nextConsumer + 1) % consumers.Count;
            }
        }

        Flush(outbox);
    }

    /// <summary>Hands the oldest available message to <paramref name="consumer"/>. Caller holds the lock.</summary>
    bool TryTake(IMessageConsumer consumer, DateTime now, ref Outbox outbox)
    {
        while (available.Count > 0)
        {
            var sequenceNumber = available.Min;
            available.Remove(sequenceNumber);
            var message = messages[sequenceNumber];
            if (message.ExpiresAtUtc <= now)
            {
                Expire(message, ref outbox);
                continue;
            }

            consumer.Credit--;
            var earlierAttempts = message.DeliveryCount++;
            if (consumer.SettleOnSend)
            {
                messages.Remove(sequenceNumber);
            }
            else
            {
                Lock(message, now);
            }

            (outbox.Deliveries ??= []).Add((consumer, message.Snapshot(earlierAttempts)));
            return true;
        }

        return false;
    }

    /// <summary>The locked message, unless the lock is unknown or has run out (the sweep may not have released it yet).</summary>
    bool TryGetLiveLock(Guid lockToken, out BrokerMessage message) =>
        locks.TryGetValue(lockToken, out message!) && message.LockedUntilUtc > Now;

    void Lock(BrokerMessage message, DateTime now)
    {
        message.LockToken = Guid.NewGuid();
        message.LockedUntilUtc = now + Settings.LockDuration;
        locks[message.LockToken] = message;
        lockRegistry.Add(message.LockToken, this);
    }

    void Unlock(BrokerMessage message)
    {
        locks.Remove(message.LockToken);
        lockRegistry.Remove(message.LockToken);
        message.LockToken = Guid.Empty;
    }

    /// <summary>After an abandon or a lost lock: available again, or dead-lettered after the last allowed delivery.</summary>
    void ReturnToQueue(BrokerMessage message, ref Outbox outbox)
    {
        if (message.State == MessageState.Deferred)
        {
            return;
        }

        if (DeadLetterQueue is not null && message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            MoveToDeadLetter(
                message,
                DeadLetterReasons.MaxDeliveryCountExceeded,
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.",
                ref outbox);
            return;
        }

        available.Add(message.SequenceNumber);
    }

    void Expire(BrokerMessage message, ref Outbox outbox)
    {
        if (Settings.DeadLetteringOnMessageExpiration)
        {
            MoveToDeadLetter(message, DeadLetterReasons.TtlExpired, "The message expired and was dead lettered.", ref outbox);
        }
        else
        {
            messages.Remove(message.SequenceNumber);
            available.Remove(message.SequenceNumber);
        }
    }

    void MoveToDeadLetter(BrokerMessage message, string? reason, string? description, ref Outbox outbox)
    {
        messages.Remove(message.SequenceNumber);
        available.Remove(message.SequenceNumber);
        if (DeadLetterQueue is null)
        {
            return; // a dead-letter subqueue has no dead-letter subqueue of its own: the message is removed.
        }

        var copy = message.Copy();
        if (reason is not null)
        {
            copy.SetProperty(DeadLetterReasons.ReasonProperty, reason);
        }

        if (description is not null)
        {
            copy.SetProperty(DeadLetterReasons.DescriptionProperty, description);
        }

        (outbox.DeadLetters ??= []).Add(copy);
    }

    DateTime ExpiryOf(BrokerMessage message)
    {
        var ttl = message.Facts.TimeToLive is { } own && own < Settings.DefaultMessageTimeToLive ? own : Settings.DefaultMessageTimeToLive;
        return ttl >= DateTime.MaxValue - message.EnqueuedTimeUtc ? DateTime.MaxValue : message.EnqueuedTimeUtc + ttl;
    }

    void Flush(Outbox outbox)
    {
        foreach (var (consumer, delivery) in outbox.Deliveries ?? [])
        {
            consumer.Deliver(delivery);
        }

        foreach (var message in outbox.DeadLetters ?? [])
        {
            DeadLetterQueue!.Enqueue(message);
        }
    }

    /// <summary>Work decided under the lock and carried out after it is released.</summary>
    struct Outbox
    {
        public List<(IMessageConsumer Consumer, DeliverySnapshot Delivery)>? Deliveries;
        public List<BrokerMessage>? DeadLetters;
    }
}
