namespace AiFunctions.Providers.OpenAI;

internal static class ProviderDefaults
{
    /// <summary>Network timeout of one HTTP call when <c>NetworkTimeout</c> is not set; a route's own timeout is usually shorter.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);
}
