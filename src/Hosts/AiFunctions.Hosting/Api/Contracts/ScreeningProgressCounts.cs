namespace AiFunctions.Hosting.Api;

/// <summary>Candidates of a batch: <see cref="Done"/> = <see cref="Screened"/> + <see cref="Failed"/>, out of <see cref="Total"/>.</summary>
public sealed record ScreeningProgressCounts(int Done, int Total, int Screened, int Failed);
