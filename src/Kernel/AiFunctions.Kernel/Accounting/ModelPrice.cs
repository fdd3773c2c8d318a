namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Price of one model (<c>AiFunctions:Pricing:{model}</c>) per million tokens. Cached input tokens are part of the
/// input tokens a provider reports; they are charged at <see cref="CachedInputPerMillion"/> (defaults to the input price).
/// </summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }

    public decimal? CachedInputPerMillion { get; set; }

    public string Currency { get; set; } = "USD";

    public decimal CostOf(long inputTokens, long outputTokens, long cachedInputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return ((inputTokens - cached) * InputPerMillion
                + cached * (CachedInputPerMillion ?? InputPerMillion)
                + outputTokens * OutputPerMillion) / 1_000_000m;
    }
}
