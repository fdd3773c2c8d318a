namespace AiFunctions.Workflows.Screening;

/// <summary>
/// How a batch is split, how many AI calls run at once and how often a failed candidate is retried:
/// <see cref="ChunkSize"/> candidates per sub-orchestration, <see cref="CandidatesPerActivity"/> candidates per screening
/// activity, <see cref="CandidatesInFlightPerChunk"/> candidates at a time inside a chunk (that is
/// CandidatesInFlightPerChunk / CandidatesPerActivity group activities), <see cref="ChunksInFlight"/> chunks at a time.
/// Peak concurrent AI calls = CandidatesInFlightPerChunk × ChunksInFlight (default 16 × 2 = 32).
/// Why these numbers: docs/workflows.md.
/// </summary>
public sealed record ScreeningConcurrency
{
    public static ScreeningConcurrency Default { get; } = new();

    /// <summary>Candidates per chunk sub-orchestration. 1-<see cref="WorkflowLimits.MaxChunkSize"/>; default 100.</summary>
    public int ChunkSize { get; init; } = 100;

    /// <summary>
    /// Candidates screened by one activity. 1-<see cref="WorkflowLimits.MaxCandidatesPerActivity"/>; default 50 (a chunk of
    /// 100 is two activities). Inside the activity the calls run in a sliding window (the next candidate starts when one
    /// finishes) and each result is stored as it finishes, so larger groups cost fewer durable round trips without waiting
    /// on their slowest call. Activities in flight per chunk = max(2, ⌈CandidatesInFlightPerChunk / this⌉) (1 when one
    /// candidate is in flight); each runs ⌈CandidatesInFlightPerChunk / activities⌉ calls at once. A chunk smaller than
    /// that many full groups is cut into that many smaller groups (32 candidates: two groups of 16), so a small batch
    /// keeps its calls in flight. Measurements: docs/performance.md.
    /// </summary>
    public int CandidatesPerActivity { get; init; } = 50;

    /// <summary>Candidates in flight inside one chunk. 1-64; default 16. Groups in flight = max(1, this / <see cref="CandidatesPerActivity"/>).</summary>
    public int CandidatesInFlightPerChunk { get; init; } = 16;

    /// <summary>Chunk sub-orchestrations in flight. 1-16; default 2.</summary>
    public int ChunksInFlight { get; init; } = 2;

    /// <summary>Attempts per candidate before it is recorded as failed (the kernel retries inside each attempt too). 1-10; default 3.</summary>
    public int CandidateAttempts { get; init; } = 3;

    /// <summary>
    /// After this long a screening activity starts no further candidate and hands the rest back to be scheduled again (not
    /// an attempt), so an activity lasts at most this plus its slowest call, below the work-item visibility timeout
    /// (docs/host.md). 1 s-10 min; default 30 s.
    /// </summary>
    public TimeSpan ActivityStartBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before the second attempt, doubling after (whole seconds). Default 5 s.</summary>
    public TimeSpan FirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a candidate that keeps failing transiently is retried, from its first failure, before it is recorded as
    /// failed. Failures that made no provider call — every target's circuit open, throttled (429) or over a rate limit —
    /// wait (durable timer) until the reopen time or Retry-After the kernel reports (at least the current backoff, at most
    /// 5 minutes per wait) and do not use up <see cref="CandidateAttempts"/>; only this window bounds them. Other
    /// transient failures (time-outs, 5xx) use up attempts. 1 minute-24 hours; default 30 minutes.
    /// </summary>
    public TimeSpan TransientRetryWindow { get; init; } = TimeSpan.FromMinutes(30);
}
