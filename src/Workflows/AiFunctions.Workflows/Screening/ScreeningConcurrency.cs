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
    /// Candidates screened by one activity (their AI calls run concurrently inside it). 1-<see cref="WorkflowLimits.MaxCandidatesPerActivity"/>;
    /// default 8. Larger groups cost fewer durable round trips per candidate; a group finishes with its slowest candidate.
    /// </summary>
    public int CandidatesPerActivity { get; init; } = 8;

    /// <summary>Candidates in flight inside one chunk. 1-64; default 16. Groups in flight = max(1, this / <see cref="CandidatesPerActivity"/>).</summary>
    public int CandidatesInFlightPerChunk { get; init; } = 16;

    /// <summary>Chunk sub-orchestrations in flight. 1-16; default 2.</summary>
    public int ChunksInFlight { get; init; } = 2;

    /// <summary>Attempts per candidate before it is recorded as failed (the kernel retries inside each attempt too). 1-10; default 3.</summary>
    public int CandidateAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt, doubling after (whole seconds). Default 5 s.</summary>
    public TimeSpan FirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);
}
