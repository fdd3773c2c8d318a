using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;

namespace AiFunctions.Kernel.Caching;

/// <summary>
/// The route response cache on <see cref="HybridCache"/> when instances share state: an in-process L1 in front of the
/// distributed L2 (Redis, <c>AiFunctions:SharedState:Redis</c>), so an answer cached by one instance is a hit on every
/// other (one Redis round trip on its first local miss, then from memory). Exposed as the <see cref="IDistributedCache"/>
/// that M.E.AI's DistributedCachingChatClient reads and writes: a read never creates an entry (a miss is not cached, so
/// an entry another instance writes later is seen at once); a write goes to both levels with the entry's expiry.
/// </summary>
internal sealed class HybridRouteCache(HybridCache cache) : IDistributedCache
{
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <summary>The entry, or null on a miss (HybridCache hands a miss's null back as an empty array: never a cached answer, which is JSON).</summary>
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var found = await cache.GetOrCreateAsync<byte[]?>(key, static _ => ValueTask.FromResult<byte[]?>(null), ReadOnly, cancellationToken: token).ConfigureAwait(false);
        return found is { Length: > 0 } ? found : null;
    }

    public void Refresh(string key)
    {
        // Entries have an absolute expiry (the route's CacheDuration): nothing to slide.
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => cache.RemoveAsync(key, token).AsTask();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var expiry = options.AbsoluteExpirationRelativeToNow
            ?? (options.AbsoluteExpiration is { } at ? at - DateTimeOffset.UtcNow : (TimeSpan?)null);
        return cache.SetAsync(key, value, new HybridCacheEntryOptions { Expiration = expiry, LocalCacheExpiration = expiry }, cancellationToken: token).AsTask();
    }
}
