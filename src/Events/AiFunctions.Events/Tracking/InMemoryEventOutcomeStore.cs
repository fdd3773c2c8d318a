using System.Collections.Concurrent;
using AiFunctions.Events.Handling;

namespace AiFunctions.Events.Tracking;

/// <summary>Process-local outcomes (tests; <c>AiFunctions:Storage:Store = InMemory</c>).</summary>
public sealed class InMemoryEventOutcomeStore : IEventOutcomeStore
{
    private readonly ConcurrentDictionary<string, InboundEventOutcome> _outcomes = new(StringComparer.Ordinal);

    public Task RecordAsync(InboundEventOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _outcomes[EventKeys.For(outcome.Source, outcome.Id)] = outcome;
        return Task.CompletedTask;
    }

    public Task<InboundEventOutcome?> GetAsync(string source, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_outcomes.TryGetValue(EventKeys.For(source, id), out var outcome) ? outcome : null);
}
