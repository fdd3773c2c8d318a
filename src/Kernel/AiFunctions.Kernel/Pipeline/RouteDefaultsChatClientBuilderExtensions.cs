using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Pipeline;

/// <summary><see cref="ChatClientBuilder"/> extension for <see cref="RouteDefaultsChatClient"/>.</summary>
public static class RouteDefaultsChatClientBuilderExtensions
{
    /// <summary>Adds a route's default temperature and output-token limit where a call leaves them unset.</summary>
    public static ChatClientBuilder UseRouteDefaults(this ChatClientBuilder builder, float? temperature, int? maxOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return temperature is null && maxOutputTokens is null
            ? builder
            : builder.Use(inner => new RouteDefaultsChatClient(inner, temperature, maxOutputTokens));
    }
}
