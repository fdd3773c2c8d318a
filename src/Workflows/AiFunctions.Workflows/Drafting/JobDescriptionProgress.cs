namespace AiFunctions.Workflows.Drafting;

/// <summary>The custom status of <see cref="JobDescriptionOrchestrator"/>: where it is and which round of how many.</summary>
public sealed record JobDescriptionProgress(JobDescriptionStatus Status, int Round, int MaxRounds);
