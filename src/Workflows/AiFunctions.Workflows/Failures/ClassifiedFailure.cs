namespace AiFunctions.Workflows.Failures;

/// <summary>
/// What a layer needs to know about a failure to decide between retrying and settling now, without its content:
/// <see cref="Reason"/> (an <c>AiFailureReason</c> name for kernel failures, <see cref="FailureReasons"/> otherwise),
/// whether trying again can help, the wait the service asked for, and a short description that never holds resume,
/// prompt or answer text (safe for stores, dead-letter descriptions and logs). Built by <see cref="FailureClassifier"/>.
/// </summary>
/// <param name="Reason">Machine-readable cause, e.g. <c>ContextLengthExceeded</c>, <c>StorageRejected</c>.</param>
/// <param name="IsTransient">True when the same request may succeed later or on another target.</param>
/// <param name="RetryAfter">The wait the service asked for (Retry-After), when it gave one.</param>
/// <param name="Description">What went wrong and, for permanent failures, what to fix; at most <see cref="FailureClassifier.MaxDescriptionChars"/> characters.</param>
public sealed record ClassifiedFailure(string Reason, bool IsTransient, TimeSpan? RetryAfter, string Description)
{
    /// <summary>"{Reason}: {Description}", the form stored as a candidate's error and used in dead-letter descriptions.</summary>
    public override string ToString() => $"{Reason}: {Description}";
}
