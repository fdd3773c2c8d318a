using Microsoft.Extensions.Caching.Distributed;

namespace AiFunctions.Kernel.Caching;

/// <summary>
/// Gives every entry written through it the route's CacheDuration (M.E.AI's DistributedCachingChatClient writes
/// entries without an expiry).
/// </summary>
internal sealed class ExpiringDistributedCache(IDistributedCache inner, TimeSpan timeToLive) : IDistributedCache
{
    private readonly DistributedCacheEntryOptions _entry = new() { AbsoluteExpirationRelativeToNow = timeToLive };

    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, _entry);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        inner.SetAsync(key, value, _entry, token);
}
