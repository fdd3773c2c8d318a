namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// Where shadow pairs are kept for comparison. Implementations: <see cref="InMemoryShadowPairStore"/> (the kernel's
/// default; bounded, newest kept) and Table storage (AiFunctions.Workflows, registered by the composition root when the
/// workflows use Azure Storage). Adding the same <see cref="ShadowPair.Id"/> twice keeps one pair.
/// </summary>
public interface IShadowPairStore
{
    Task AddAsync(ShadowPair pair, CancellationToken cancellationToken = default);

    /// <summary>The route's pairs recorded at or after <paramref name="since"/> (all when null), oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ShadowPair>> ListAsync(string route, DateTimeOffset? since = null, int max = 1000, CancellationToken cancellationToken = default);
}
