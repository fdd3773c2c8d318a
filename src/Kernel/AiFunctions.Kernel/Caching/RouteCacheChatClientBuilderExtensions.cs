using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace AiFunctions.Kernel.Caching;

/// <summary>The route cache as a <see cref="ChatClientBuilder"/> extension.</summary>
public static class RouteCacheChatClientBuilderExtensions
{
    /// <summary>
    /// Caches answers of identical requests (same messages and options) for <paramref name="timeToLive"/> with M.E.AI's
    /// <see cref="DistributedCachingChatClient"/>; <paramref name="scope"/> (e.g. route and target) is part of the key,
    /// so entries of different routes or targets never mix.
    /// </summary>
    public static ChatClientBuilder UseRouteCache(this ChatClientBuilder builder, IDistributedCache cache, TimeSpan timeToLive, params object[] scope)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        return builder.UseDistributedCache(new ExpiringDistributedCache(cache, timeToLive), c => c.CacheKeyAdditionalValues = scope);
    }
}
