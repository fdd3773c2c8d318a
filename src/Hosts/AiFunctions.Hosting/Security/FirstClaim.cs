namespace AiFunctions.Hosting.Security;

/// <summary>Who won a single-winner claim, when, and what they claimed (e.g. the decision).</summary>
/// <param name="By">The principal's name.</param>
/// <param name="At">When the claim was written.</param>
/// <param name="What">What was claimed ("Approve", "created"); no personal data.</param>
public sealed record FirstClaim(string By, DateTimeOffset At, string What);

/// <summary>
/// Single-winner claims across every instance of the service: the first writer of (key, kind) wins and later writers
/// learn who won. Backed by an atomic insert (Table storage: insert fails with 409 when the row exists), not by an
/// in-process lock, so two hosts racing on one batch still get exactly one winner. Used for batch and draft creation
/// and for review decisions.
/// </summary>
public interface IFirstClaimStore
{
    /// <summary>Null when <paramref name="claim"/> won; otherwise the claim that was there first.</summary>
    /// <param name="key">The resource's scoped key (<see cref="Workflows.ResourceIds.Scope"/>), so claims are per tenant.</param>
    /// <param name="kind">What is claimed, e.g. "create" or "review-1" (letters, digits, '-').</param>
    Task<FirstClaim?> TryClaimAsync(string key, string kind, FirstClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Removes a claim whose work could not be started, so a retry can win again.</summary>
    Task ReleaseAsync(string key, string kind, CancellationToken cancellationToken = default);

    /// <summary>Removes every claim of <paramref name="key"/> (erasure and retention).</summary>
    Task<int> DeleteAllAsync(string key, CancellationToken cancellationToken = default);
}
