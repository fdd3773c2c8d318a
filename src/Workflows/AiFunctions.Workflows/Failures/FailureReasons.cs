namespace AiFunctions.Workflows.Failures;

/// <summary>
/// Failure reasons outside the kernel's <c>AiFailureReason</c> (which covers AI calls): storage, network and
/// unexpected failures, as <see cref="ClassifiedFailure.Reason"/> values.
/// </summary>
public static class FailureReasons
{
    /// <summary>Azure Storage did not answer or answered 408/429/5xx (or 412 after a concurrent write): transient.</summary>
    public const string StorageUnavailable = "StorageUnavailable";

    /// <summary>Azure Storage refused the request for good (a 4xx such as PropertyValueTooLarge or AuthorizationFailure): permanent.</summary>
    public const string StorageRejected = "StorageRejected";

    /// <summary>A network failure or time-out talking to a dependency (HTTP, sockets, an Azure SDK exception marked transient): transient.</summary>
    public const string DependencyUnavailable = "DependencyUnavailable";

    /// <summary>A dependency refused the request for good (an Azure SDK exception marked not transient): permanent.</summary>
    public const string DependencyRejected = "DependencyRejected";

    /// <summary>The input cannot be processed as sent (an argument or format error): permanent.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>Not classified (a defect or an unknown dependency failure): permanent, as the kernel's <c>Unknown</c>.</summary>
    public const string Unexpected = "Unexpected";
}
