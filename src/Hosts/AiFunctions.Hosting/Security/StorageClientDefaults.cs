using Azure.Core;
using Azure.Data.Tables;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// Storage client options for calls on a request path: a few fast retries and a short network timeout, so an outage
/// answers 503 with Retry-After within seconds instead of holding the request (the SDK default waits up to 100 s per
/// try).
/// </summary>
internal static class StorageClientDefaults
{
    public static TableClientOptions Tables()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }
}
