using System.Globalization;

namespace AiFunctions.LoadHarness;

/// <summary>
/// Command-line options (all optional): --candidates 1000 --latency-ms 100 --provider-concurrency 32, the batch's
/// ScreeningConcurrency, and the fault run: --faults [--fault-rate 0.3 --attempt-timeout-ms 3000 --separate-scorers
/// --hedging-delay-ms N --compare-hedging] (300 candidates unless --candidates comes before --faults).
/// </summary>
internal sealed record HarnessOptions
{
    public int Candidates { get; init; } = 1000;

    public int LatencyMs { get; init; } = 100;

    public int ProviderConcurrency { get; init; } = 32;

    /// <summary>Null keeps the workflows' defaults.</summary>
    public int? ChunkSize { get; init; }

    public int? InFlightPerChunk { get; init; }

    /// <summary>Candidates per screening activity (ScreeningConcurrency.CandidatesPerActivity).</summary>
    public int? GroupSize { get; init; }

    public int? ChunksInFlight { get; init; }

    public int MaxConcurrentActivities { get; init; } = 64;

    /// <summary>
    /// The kernel's concurrency limit on the fake target (<c>AiFunctions:ConcurrencyLimits:Targets:fake:MaxConcurrentCalls</c>);
    /// null: no kernel limit (the fake still serves at most --provider-concurrency calls at once and queues the rest).
    /// </summary>
    public int? KernelLimit { get; init; }

    /// <summary>Print the fake provider's calls in progress, averaged per quarter second, for the measured batch (where the pipeline leaves the provider idle).</summary>
    public bool Timeline { get; init; }

    /// <summary>
    /// Store the resumes before scheduling, as the HTTP API and the Service Bus starter do
    /// (<c>OffloadResumesAsync</c>), inside the measured time; default: inline resumes, stored by the batch's first activity.
    /// </summary>
    public bool Offload { get; init; }

    /// <summary>Azurite without disk persistence (--inMemoryPersistence).</summary>
    public bool AzuriteInMemory { get; init; }

    /// <summary>Candidates of the untimed warm-up batch of the fixed-latency run (default 40; the fault run warms up with its measured size).</summary>
    public int WarmUp { get; init; } = 40;

    /// <summary>The fault run (<see cref="FaultScenario"/>) instead of the fixed-latency run.</summary>
    public bool Faults { get; init; }

    /// <summary>Share of the first target's requests that get a fault in the fault run. Default 0.3.</summary>
    public double FaultRate { get; init; } = 0.3;

    /// <summary>
    /// Fault run: leave the two targets two scorers (no <c>ReplicaGroup</c>), as before issue 8's replica groups; by
    /// default they are declared replicas of one deployment (the "healthy second target").
    /// </summary>
    public bool SeparateScorers { get; init; }

    /// <summary>The route's per-attempt timeout in the fault run (its latency budget per target call). Default 3,000 ms.</summary>
    public int AttemptTimeoutMs { get; init; } = 3000;

    /// <summary>
    /// Fault run: the screening route's <c>HedgingDelay</c> in ms (null: hedging off, the route's default). With
    /// <see cref="CompareHedging"/> the delay of the hedged phases (default 300 ms).
    /// </summary>
    public int? HedgingDelayMs { get; init; }

    /// <summary>
    /// Fault run: measure hedging off and on in one process in A B B A order (each a fault-free then a faulted batch), the
    /// faulted runs against the mean of the fault-free runs with hedging off.
    /// </summary>
    public bool CompareHedging { get; init; }

    /// <summary>Candidates screened per activity start budget, seconds (ScreeningConcurrency.ActivityStartBudget); null keeps the default.</summary>
    public int? StartBudgetSeconds { get; init; }

    /// <summary>The batch's ScreeningConcurrency from these options (the workflows' defaults where not given).</summary>
    public Workflows.Screening.ScreeningConcurrency Concurrency()
    {
        var d = Workflows.Screening.ScreeningConcurrency.Default;
        return d with
        {
            ChunkSize = ChunkSize ?? d.ChunkSize,
            CandidatesInFlightPerChunk = InFlightPerChunk ?? d.CandidatesInFlightPerChunk,
            ChunksInFlight = ChunksInFlight ?? d.ChunksInFlight,
            CandidatesPerActivity = GroupSize ?? d.CandidatesPerActivity,
            ActivityStartBudget = StartBudgetSeconds is { } s ? TimeSpan.FromSeconds(s) : d.ActivityStartBudget,
        };
    }

    public static HarnessOptions Parse(string[] args)
    {
        var o = new HarnessOptions();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--candidates" => o with { Candidates = Next() },
                "--latency-ms" => o with { LatencyMs = Next() },
                "--provider-concurrency" => o with { ProviderConcurrency = Next() },
                "--chunk-size" => o with { ChunkSize = Next() },
                "--in-flight-per-chunk" => o with { InFlightPerChunk = Next() },
                "--chunks-in-flight" => o with { ChunksInFlight = Next() },
                "--group-size" => o with { GroupSize = Next() },
                "--max-activities" => o with { MaxConcurrentActivities = Next() },
                "--kernel-limit" => o with { KernelLimit = Next() },
                "--azurite-in-memory" => o with { AzuriteInMemory = true },
                "--timeline" => o with { Timeline = true },
                "--offload" => o with { Offload = true },
                "--faults" => o with { Faults = true, Candidates = o.Candidates == 1000 ? 300 : o.Candidates },
                "--fault-rate" => o with { FaultRate = double.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--attempt-timeout-ms" => o with { AttemptTimeoutMs = Next() },
                "--separate-scorers" => o with { SeparateScorers = true },
                "--hedging-delay-ms" => o with { HedgingDelayMs = Next() },
                "--compare-hedging" => o with { CompareHedging = true },
                "--warm-up" => o with { WarmUp = Next() },
                "--start-budget-s" => o with { StartBudgetSeconds = Next() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return o;
    }
}
