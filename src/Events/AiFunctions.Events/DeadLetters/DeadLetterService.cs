using AiFunctions.Events.ServiceBus;
using Azure.Messaging.ServiceBus;

namespace AiFunctions.Events.DeadLetters;

/// <summary>
/// Inspect and replay dead-lettered events of the entities the handlers listen on. Entities are named
/// <c>screening-requests</c> or <c>hr-events:screening</c> (topic:subscription). Replay sends a copy (same message id,
/// body, properties, without the dead-letter reason) to the queue — or to the topic, whose filters route it back to the
/// same subscription — and then completes the dead-lettered original, so a crash between the two can at worst deliver
/// the event twice, which the handlers' idempotency absorbs.
/// </summary>
public sealed class DeadLetterService(ServiceBusClient client, EventEntityMap map)
{
    /// <summary>Most messages listed or replayed in one call.</summary>
    public const int MaxBatch = 500;

    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(1);

    /// <summary>The entities that can be inspected, in the form the API takes.</summary>
    public IReadOnlyList<string> Entities => map.Bindings.Select(NameOf).ToList();

    /// <summary>
    /// The dead letters of <paramref name="entity"/> (peeked, not received; at most <paramref name="max"/>, up to
    /// <see cref="MaxBatch"/>), oldest first. With <paramref name="tenant"/>, only that tenant's events (the body's
    /// <c>tenantid</c>), chosen among the first <see cref="MaxBatch"/>: a message whose tenant cannot be read is nobody's
    /// and listed only without a tenant filter.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(string entity, int max, CancellationToken cancellationToken, string? tenant = null)
    {
        var binding = Resolve(entity);
        await using var receiver = CreateDeadLetterReceiver(binding, ServiceBusReceiveMode.PeekLock);
        var take = Math.Clamp(max, 1, MaxBatch);
        var peeked = await receiver.PeekMessagesAsync(tenant is null ? take : MaxBatch, fromSequenceNumber: 0, cancellationToken).ConfigureAwait(false);
        return peeked.Select(m =>
        {
            var (id, source, type, eventTenant) = ReadAttributes(m.Body);
            return new DeadLetteredMessage(
                m.SequenceNumber,
                m.MessageId,
                type ?? m.Subject,
                m.CorrelationId,
                m.DeadLetterReason,
                m.DeadLetterErrorDescription,
                m.EnqueuedTime,
                m.DeliveryCount,
                id,
                source,
                eventTenant);
        }).Where(m => tenant is null || string.Equals(m.Tenant, tenant, StringComparison.Ordinal)).Take(take).ToList();
    }

    /// <summary>
    /// The CloudEvents id, source, type and tenant (<c>tenantid</c>; <c>default</c> when absent) of a structured-mode
    /// body — only these top-level strings are read (never <c>data</c>); nulls when the body is not a JSON object (e.g.
    /// dead-lettered as MalformedJson), and a null tenant when <c>tenantid</c> is there but not a string.
    /// </summary>
    internal static (string? Id, string? Source, string? Type, string? Tenant) ReadAttributes(BinaryData? body)
    {
        if (body is null)
        {
            return (null, null, null, null);
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body.ToMemory());
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return (null, null, null, null);
            }

            string? Text(string name) => document.RootElement.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
            var tenant = document.RootElement.TryGetProperty(Contracts.CloudEventAttributes.TenantId, out var t)
                ? (t.ValueKind == System.Text.Json.JsonValueKind.String ? (t.GetString() is { Length: > 0 } named ? named : Contracts.CloudEventAttributes.DefaultTenant) : null)
                : Contracts.CloudEventAttributes.DefaultTenant;
            return (Text("id"), Text("source"), Text("type"), tenant);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, null, null, null);
        }
    }

    /// <summary>
    /// Replays one message (by message id) or, when <paramref name="messageId"/> is null, all of them (up to
    /// <see cref="MaxBatch"/>). "All" means the messages dead-lettered when the call started: a replayed message whose
    /// cause is not fixed is dead-lettered again with a new, higher sequence number, and is not replayed again by the same
    /// call (it would otherwise cycle until <see cref="MaxBatch"/>).
    /// </summary>
    public async Task<ReplayResult> ReplayAsync(string entity, string? messageId, CancellationToken cancellationToken)
    {
        var binding = Resolve(entity);
        await using var receiver = CreateDeadLetterReceiver(binding, ServiceBusReceiveMode.PeekLock);
        await using var sender = client.CreateSender(binding.EntityName);
        var present = await receiver.PeekMessagesAsync(MaxBatch, fromSequenceNumber: 0, cancellationToken).ConfigureAwait(false);
        var cutoff = present.Count == 0 ? long.MinValue : present.Max(m => m.SequenceNumber);
        var replayed = new List<string>();
        var skipped = new List<ServiceBusReceivedMessage>();
        var reachedNewer = false;
        while (replayed.Count < MaxBatch && !reachedNewer)
        {
            var batch = await receiver.ReceiveMessagesAsync(Math.Min(50, MaxBatch - replayed.Count), ReceiveWait, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                if (message.SequenceNumber > cutoff)
                {
                    // Dead-lettered after this call started (e.g. a message it just replayed): left for the next replay.
                    skipped.Add(message);
                    reachedNewer = true;
                    continue;
                }

                if (messageId is not null && message.MessageId != messageId)
                {
                    skipped.Add(message);
                    continue;
                }

                await sender.SendMessageAsync(CopyForReplay(message), cancellationToken).ConfigureAwait(false);
                await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                replayed.Add(message.MessageId);
            }

            if (messageId is not null && replayed.Count > 0)
            {
                break;
            }
        }

        // Messages received but not chosen go back to the dead-letter queue untouched (abandon releases the lock).
        foreach (var message in skipped)
        {
            await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (messageId is not null && replayed.Count == 0)
        {
            throw new KeyNotFoundException($"No dead-lettered message with id '{messageId}' on '{entity}'. List them with GET /api/deadletters/{entity}.");
        }

        return new ReplayResult(entity, replayed.Count, replayed);
    }

    /// <summary>Most dead-lettered messages one <see cref="PurgeAsync"/> call looks at per entity (the rest wait for the next call).</summary>
    public const int MaxPurgeScan = 5_000;

    /// <summary>
    /// Deletes (receives and completes) the dead-lettered messages of every entity that <paramref name="match"/> selects,
    /// and returns how many. The others are released untouched (abandon). Looks at up to <see cref="MaxPurgeScan"/> messages
    /// per entity. Used by erasure (<see cref="CarriesCandidate"/>) and by the retention purge (older than a cutoff).
    /// At least once: a crash after some completions leaves the rest for the next call.
    /// </summary>
    public async Task<int> PurgeAsync(Func<ServiceBusReceivedMessage, bool> match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deleted = 0;
        foreach (var binding in map.Bindings)
        {
            await using var receiver = CreateDeadLetterReceiver(binding, ServiceBusReceiveMode.PeekLock);
            var kept = new List<ServiceBusReceivedMessage>();
            var seen = new HashSet<long>();
            var scanned = 0;
            while (scanned < MaxPurgeScan)
            {
                var batch = await receiver.ReceiveMessagesAsync(Math.Min(100, MaxPurgeScan - scanned), ReceiveWait, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                var again = false;
                foreach (var message in batch)
                {
                    scanned++;
                    if (!seen.Add(message.SequenceNumber))
                    {
                        // Its lock lapsed and it came round again: every message present has been looked at.
                        again = true;
                        continue;
                    }

                    if (match(message))
                    {
                        await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                        deleted++;
                    }
                    else
                    {
                        kept.Add(message);
                    }
                }

                if (again)
                {
                    break;
                }
            }

            foreach (var message in kept)
            {
                try
                {
                    await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.MessageLockLost)
                {
                    // Already released by its lock lapsing: nothing to do.
                }
            }
        }

        return deleted;
    }

    /// <summary>
    /// True when a structured-mode CloudEvent body belongs to <paramref name="tenant"/> (its <c>tenantid</c> extension,
    /// <c>default</c> when absent) and its data names <paramref name="candidateId"/> as <c>candidateId</c> or as a
    /// candidate of <c>candidates[]</c> (CandidateApplied, ScreeningRequested: the events that carry a name or resume).
    /// A body that is not such JSON matches nothing.
    /// </summary>
    public static bool CarriesCandidate(BinaryData? body, string tenant, string candidateId)
    {
        if (body is null)
        {
            return false;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return false;
            }

            var eventTenant = root.TryGetProperty(Contracts.CloudEventAttributes.TenantId, out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String && t.GetString() is { Length: > 0 } named
                ? named
                : Contracts.CloudEventAttributes.DefaultTenant;
            if (!string.Equals(eventTenant, tenant, StringComparison.Ordinal) || !root.TryGetProperty("data", out var data) || data.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return false;
            }

            // Property names as the handlers bind them (System.Text.Json web defaults: case-insensitive).
            static System.Text.Json.JsonElement? Property(System.Text.Json.JsonElement element, string name) =>
                element.ValueKind == System.Text.Json.JsonValueKind.Object
                    ? element.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (System.Text.Json.JsonElement?)p.Value).FirstOrDefault()
                    : null;

            static bool Names(System.Text.Json.JsonElement element, string id) =>
                Property(element, "candidateId") is { ValueKind: System.Text.Json.JsonValueKind.String } value
                && string.Equals(value.GetString(), id, StringComparison.Ordinal);

            return Names(data, candidateId)
                || (Property(data, "candidates") is { ValueKind: System.Text.Json.JsonValueKind.Array } list && list.EnumerateArray().Any(c => Names(c, candidateId)));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static ServiceBusMessage CopyForReplay(ServiceBusReceivedMessage message)
    {
        var copy = new ServiceBusMessage(message);
        copy.ApplicationProperties.Remove("DeadLetterReason");
        copy.ApplicationProperties.Remove("DeadLetterErrorDescription");
        copy.ApplicationProperties["x-replayed-from-dlq"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }

    private static string NameOf(ProcessorBinding binding) =>
        binding.SubscriptionName is null ? binding.EntityName : $"{binding.EntityName}:{binding.SubscriptionName}";

    private ProcessorBinding Resolve(string entity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        return map.Bindings.FirstOrDefault(b => NameOf(b) == entity) ?? map.Find(entity)
            ?? throw new KeyNotFoundException($"'{entity}' is not an entity the event handlers listen on. Use one of: {string.Join(", ", Entities)}.");
    }

    private ServiceBusReceiver CreateDeadLetterReceiver(ProcessorBinding binding, ServiceBusReceiveMode mode)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = mode };
        return binding.SubscriptionName is null
            ? client.CreateReceiver(binding.EntityName, options)
            : client.CreateReceiver(binding.EntityName, binding.SubscriptionName, options);
    }
}
