using System.Globalization;

namespace AiFunctions.LoadHarness;

/// <summary>Command-line options (all optional): --candidates 1000 --latency-ms 100 --provider-concurrency 32, and the batch's ScreeningConcurrency.</summary>
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

    /// <summary>Azurite without disk persistence (--inMemoryPersistence).</summary>
    public bool AzuriteInMemory { get; init; }

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
                "--azurite-in-memory" => o with { AzuriteInMemory = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return o;
    }
}
