namespace AiFunctions.Hosting.Api;

/// <summary>Candidates of a batch: <see cref="Done"/> = <see cref="Screened"/> + <see cref="Failed"/>, out of <see cref="Total"/>.</summary>
/// <param name="Held">Screened candidates held for a reviewer (injection signal, an answer that does not hold up, or a
/// generative score far above the deterministic one), not ranked until released; null where not reported (listings).</param>
public sealed record ScreeningProgressCounts(int Done, int Total, int Screened, int Failed, int? Held = null);
