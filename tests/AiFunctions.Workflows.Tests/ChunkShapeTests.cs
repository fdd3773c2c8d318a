using AiFunctions.Workflows.Screening;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>How a chunk is cut into group activities (<see cref="ScreeningChunkOrchestrator"/>).</summary>
public sealed class ChunkShapeTests
{
    [Theory]
    [InlineData(100, 50, 2, 50)] // a full chunk: two groups of 50
    [InlineData(100, 8, 2, 8)] // the former default: 12 groups of 8 and one of 4, as before
    [InlineData(32, 50, 2, 16)] // a small batch still runs two groups in flight, not one narrow one
    [InlineData(37, 50, 2, 19)] // a short last chunk: 19 + 18
    [InlineData(1, 50, 2, 1)]
    [InlineData(5, 8, 1, 5)] // one group in flight: one group
    [InlineData(100, 25, 2, 25)]
    public void A_chunk_has_at_least_as_many_groups_as_run_at_once_and_none_larger_than_the_group_size(int candidates, int groupSize, int groupsInFlight, int expected)
    {
        var size = ScreeningChunkOrchestrator.GroupSizeFor(candidates, groupSize, groupsInFlight);

        Assert.Equal(expected, size);
        Assert.True(size <= groupSize);
        Assert.True(Enumerable.Range(0, candidates).Chunk(size).Count() >= Math.Min(groupsInFlight, candidates));
    }

    [Fact]
    public void The_default_shape_keeps_the_provider_concurrency_and_screens_a_full_chunk_in_two_groups()
    {
        var d = ScreeningConcurrency.Default;
        var (groupSize, groupsInFlight, callsPerGroup) = ScreeningChunkOrchestrator.Shape(d.CandidatesPerActivity, d.CandidatesInFlightPerChunk);

        Assert.Equal(d.CandidatesInFlightPerChunk, groupsInFlight * callsPerGroup);
        Assert.Equal(2, Enumerable.Range(0, d.ChunkSize).Chunk(ScreeningChunkOrchestrator.GroupSizeFor(d.ChunkSize, groupSize, groupsInFlight)).Count());
    }
}
