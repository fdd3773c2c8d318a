using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// The custom status <see cref="ScreeningBatchOrchestrator"/> sets after each step and each finished chunk
/// (read it from the orchestration metadata's SerializedCustomStatus). Finer-grained progress (per candidate) comes
/// from <see cref="Storage.IScreeningStore.GetBatchAsync"/>.
/// </summary>
public sealed record ScreeningProgress(ScreeningBatchStatus Status, int Total, int Done, int Failed, int ChunksDone, int ChunksTotal);

/// <summary>Where a batch is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScreeningBatchStatus>))]
public enum ScreeningBatchStatus
{
    Accepted,
    Screening,
    Ranking,
    AwaitingReview,
    Approved,
    Rejected,
    Expired,
}
