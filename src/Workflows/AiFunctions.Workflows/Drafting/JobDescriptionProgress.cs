namespace AiFunctions.Workflows.Drafting;

/// <summary>The custom status of <see cref="JobDescriptionOrchestrator"/>: where it is and which round of how many.</summary>
/// <param name="Version">The draft version awaiting review (or decided last, at the end); null while the first draft is written.</param>
public sealed record JobDescriptionProgress(JobDescriptionStatus Status, int Round, int MaxRounds, int? Version = null);
