namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// What the shared store holds about one target ("instance/model"): until when some instance has its circuit open
/// (<see cref="OpenUntil"/>) and until when some instance keeps it out for quota exhaustion or a long Retry-After
/// (<see cref="KeptOutUntil"/>), both UTC and <see cref="DateTimeOffset.MinValue"/> when never set; since when and why
/// (<see cref="Reason"/>: the failure's description, e.g. "RateLimited: 429 …", never prompt or answer text).
/// </summary>
internal sealed record SharedTargetBlock(DateTimeOffset OpenUntil, DateTimeOffset KeptOutUntil, DateTimeOffset Since, string? Reason);
