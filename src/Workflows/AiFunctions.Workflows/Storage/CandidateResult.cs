using System.Text.Json.Serialization;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Functions;
using AiFunctions.Workflows.Sanitizing;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// The stored outcome of screening one candidate, keyed by (<see cref="BatchId"/>, <see cref="CandidateId"/>): writing
/// it twice leaves one result.
/// </summary>
/// <param name="Assessment">The model's assessment (evidence quotes are from the redacted, name-blind resume).</param>
/// <param name="Provenance">Function + version, route, provider instance, plugin + version, model.</param>
/// <param name="Flags">What the sanitiser removed or flagged (e.g. prompt-injection phrases).</param>
/// <param name="RedactedItems">How many personal-data items were redacted before the AI call.</param>
/// <param name="Rank">1-based rank among screened candidates; null until ranked or when failed.</param>
/// <param name="Error">Why the assessment failed (Failed only).</param>
/// <param name="Hold">Set when the candidate is held for a reviewer (injection signal or an answer that does not hold up): ranked only once released.</param>
public sealed record CandidateResult(
    string BatchId,
    string CandidateId,
    string DisplayName,
    CandidateResultStatus Status,
    ScreeningAssessment? Assessment,
    AiFunctionProvenance? Provenance,
    IReadOnlyList<SanitizerFlag> Flags,
    int RedactedItems,
    DateTimeOffset RecordedAt,
    int? Rank = null,
    string? Error = null,
    CandidateHold? Hold = null)
{
    /// <summary>Screened, with an assessment, and not held (or released by a reviewer): takes part in ranking.</summary>
    public bool IsRankable => Status == CandidateResultStatus.Screened && Assessment is not null && Hold is not { IsActive: true };

    /// <summary>Who scored it (<see cref="Screening.ScreeningScorer.Key"/>); null when not screened.</summary>
    [JsonIgnore]
    public string? Scorer => Status == CandidateResultStatus.Screened && Provenance is { } p ? Screening.ScreeningScorer.Key(p) : null;
}

[JsonConverter(typeof(JsonStringEnumConverter<CandidateResultStatus>))]
public enum CandidateResultStatus
{
    Screened,
    Failed,
}
