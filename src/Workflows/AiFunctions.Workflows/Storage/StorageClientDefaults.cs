using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// Table and blob client options for every store a request can wait on (the screening store, claims, route versions,
/// usage history): <see cref="MaxRetries"/> fast retries and a <see cref="NetworkTimeout"/> per try, so a storage outage
/// (refused connections, or a server that accepts and never answers) answers 503 with Retry-After within about
/// 20 s instead of holding the request: the SDK default waits up to 100 s per try and retries 3 times. Activities
/// using the same store are retried by their orchestrations, so fewer client retries lose nothing.
/// </summary>
public static class StorageClientDefaults
{
    /// <summary>Retries after the first try.</summary>
    public const int MaxRetries = 2;

    /// <summary>Longest wait for one try's response.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(5);

    public static TableClientOptions Tables() => Configure(new TableClientOptions());

    public static BlobClientOptions Blobs() => Configure(new BlobClientOptions());

    private static T Configure<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }
}
