namespace AiFunctions.Workflows.Fairness;

/// <summary>
/// A candidate's voluntary self-identification for bias audits (NYC Local Law 144; 6 RCNY §5-301): optional, stored
/// apart from candidate records, results and the orchestration input (<see cref="Storage.IScreeningStore.PutSelfIdentifiedAsync"/>),
/// never sent to a provider and never read by screening or ranking. Null or blank = unknown category (counted, not in ratios).
/// </summary>
/// <param name="Sex">E.g. "Female", "Male" (the EEO-1 component 1 categories the rules refer to), as the candidate gave it.</param>
/// <param name="RaceEthnicity">E.g. "Hispanic or Latino", "White", "Black or African American", "Asian", as the candidate gave it.</param>
public sealed record SelfIdentifiedCategories(string? Sex, string? RaceEthnicity);
