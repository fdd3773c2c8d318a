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

    public Task<InboundEventPage> ListRecentAsync(string tenant, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var offset = 0;
        if (continuationToken is not null && (!int.TryParse(continuationToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset)))
        {
            throw new ArgumentException("The continuation token is not an offset this store issued.", nameof(continuationToken));
        }

        var size = Math.Clamp(pageSize, 1, InboundEventPage.MaxPageSize);
        var all = _outcomes.Values.Where(o => string.Equals(o.Tenant, tenant, StringComparison.Ordinal))
            .OrderByDescending(o => o.At).ThenBy(o => o.Source, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(size).ToList();
        var next = offset + page.Count < all.Count ? (offset + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new InboundEventPage(page, next));
    }
}
