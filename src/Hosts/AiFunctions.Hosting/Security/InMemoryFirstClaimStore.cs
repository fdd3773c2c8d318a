using System.Collections.Concurrent;

namespace AiFunctions.Hosting.Security;

/// <summary><see cref="IFirstClaimStore"/> in process memory (tests and the in-memory store only: one instance).</summary>
public sealed class InMemoryFirstClaimStore : IFirstClaimStore
{
    private readonly ConcurrentDictionary<(string Key, string Kind), FirstClaim> _claims = new();

    public Task<FirstClaim?> TryClaimAsync(string key, string kind, FirstClaim claim, CancellationToken cancellationToken = default)
    {
        var winner = _claims.GetOrAdd((key, kind), claim);
        return Task.FromResult(ReferenceEquals(winner, claim) ? null : winner);
    }

    public Task ReleaseAsync(string key, string kind, CancellationToken cancellationToken = default)
    {
        _claims.TryRemove((key, kind), out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteAllAsync(string key, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        foreach (var entry in _claims.Keys.Where(k => k.Key == key).ToArray())
        {
            removed += _claims.TryRemove(entry, out _) ? 1 : 0;
        }

        return Task.FromResult(removed);
    }
}
